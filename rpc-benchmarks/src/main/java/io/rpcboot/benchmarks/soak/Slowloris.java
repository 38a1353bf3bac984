package io.rpcboot.benchmarks.soak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pattern 4: many connections that each send one byte a second, half of them a binary
 * frame (after a complete opening), half the headers of an HTTP request that never end.
 */
final class Slowloris extends Abuse {

    private final int count;

    private long dripped;

    private int opened;

    Slowloris(int port, double volume, int descriptorBudget) {
        super(port, volume);
        this.count = Math.max(4, Math.min(descriptorBudget, (int) (500 * volume)));
    }

    @Override
    String name() {
        return "slowloris";
    }

    @Override
    void abuse() throws InterruptedException {
        byte[] frame = Wire.request(1, Wire.BENCH, Wire.ECHO, Wire.ECHO_ARGUMENTS);
        byte[] header = "POST /io.rpcboot.benchmarks.api.BenchService/echo HTTP/1.1\r\nHost: soak\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] moreHeaders = "x-slow: a\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Conn> conns = new ArrayList<>();
        List<byte[]> drips = new ArrayList<>();
        for (int i = 0; i < this.count && !stopping(); i++) {
            boolean binary = i % 2 == 0;
            Conn conn = binary ? openBinary() : open();
            if (conn != null && (binary || send(conn, new byte[] { 'P' }))) {
                conns.add(conn);
                drips.add(binary ? frame : concat(header, moreHeaders));
                this.opened++;
            }
        }
        int[] positions = new int[conns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (i % 2 == 0) ? 0 : 1;
        }
        while (pace(1000)) {
            for (int i = 0; i < conns.size(); i++) {
                Conn conn = conns.get(i);
                if (conn.closed) {
                    continue;
                }
                byte[] drip = drips.get(i);
                if (send(conn, new byte[] { drip[positions[i]] })) {
                    this.dripped++;
                }
                // a binary frame starts over; HTTP headers go on with one more header
                // line
                int next = positions[i] + 1;
                if (next == drip.length) {
                    next = (i % 2 == 0) ? 0 : drip.length - moreHeaders.length;
                }
                positions[i] = next;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT,
                "%d connections (half binary, half HTTP), one byte a second each: %,d bytes dripped", this.opened,
                this.dripped);
    }

}
