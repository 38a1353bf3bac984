package io.rpcboot.benchmarks.soak;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Pattern 5: binary connections that send a frame header announcing exactly the server's
 * size limit and then nothing, and HTTP connections that announce a body of nearly 4 MB,
 * send three quarters of it and then nothing; all are held open until the phase ends.
 */
final class StalledBodies extends Abuse {

    private static final int HTTP_BODY = Wire.MAX_MESSAGE_SIZE - 1024;

    private static final int HTTP_SENT = 3 * 1024 * 1024;

    private final int each;

    private int headers;

    private int bodies;

    StalledBodies(int port, double volume) {
        super(port, volume);
        this.each = Math.max(1, (int) (8 * volume));
    }

    @Override
    String name() {
        return "stalled-bodies";
    }

    @Override
    void abuse() throws InterruptedException {
        for (int i = 0; i < this.each && !stopping(); i++) {
            Conn conn = openBinary();
            if (conn != null && send(conn, Wire.frameHeader(Wire.MAX_MESSAGE_SIZE, Wire.REQUEST, 1))) {
                this.headers++;
            }
        }
        byte[] head = ("POST /" + Wire.BENCH + "/echo HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + HTTP_BODY + "\r\n\r\n[\"")
            .getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < this.each && !stopping(); i++) {
            Conn conn = open();
            if (conn == null) {
                continue;
            }
            boolean open = send(conn, head);
            for (int sent = 0; open && sent < HTTP_SENT && !stopping(); sent += chunk.length) {
                open = send(conn, chunk);
            }
            if (open) {
                this.bodies++;
            }
        }
        pace(Long.MAX_VALUE);
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT,
                "%d frame headers announcing %,d bytes, then silence; %d HTTP bodies of %,d bytes with %,d sent, "
                        + "then silence",
                this.headers, Wire.MAX_MESSAGE_SIZE, this.bodies, HTTP_BODY, HTTP_SENT);
    }

}
