package io.rpcboot.benchmarks.soak;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Pattern 9: connections closed with a reset (SO_LINGER 0), in turn: right after a binary
 * request, after the first two bytes of the magic (before the server knows the protocol),
 * and in the middle of an HTTP request's body.
 */
final class Resets extends Abuse {

    private final int budget;

    private final long[] kinds = new long[3];

    Resets(int port, double volume) {
        super(port, volume);
        this.budget = Math.max(6, (int) (3000 * volume));
    }

    @Override
    String name() {
        return "resets";
    }

    @Override
    void abuse() throws InterruptedException {
        byte[] request = Wire.request(1, Wire.BENCH, Wire.ECHO, Wire.ECHO_ARGUMENTS);
        byte[] magicStart = "RP".getBytes(StandardCharsets.US_ASCII);
        byte[] halfBody = ("POST /" + Wire.BENCH + "/echo HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n[{\"id\":")
            .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < this.budget && pace(20); i++) {
            int kind = i % 3;
            Conn conn = (kind == 0) ? openBinary() : open();
            if (conn != null && send(conn, (kind == 0) ? request : (kind == 1) ? magicStart : halfBody)) {
                this.kinds[kind]++;
            }
            if (conn != null) {
                reset(conn);
            }
        }
        pace(Long.MAX_VALUE);
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT,
                "%,d resets after a request, %,d before the protocol was known, %,d in an HTTP body", this.kinds[0],
                this.kinds[1], this.kinds[2]);
    }

}
