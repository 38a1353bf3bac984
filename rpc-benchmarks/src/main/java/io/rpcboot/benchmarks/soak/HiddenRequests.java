package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Pattern 7: malformed frames whose bodies hold complete, valid REQUEST frames calling
 * {@code SoakTargets.hit()}, which nothing else calls: a REQUEST whose service name runs
 * past the end of its frame, and a frame whose length is below the header's six bytes.
 * The server must close the connection and run none of them; its count of {@code hit()}
 * calls, in the report, says how many ran.
 */
final class HiddenRequests extends Abuse {

    private static final int HIDDEN_PER_FRAME = 10;

    private final int budget;

    private long malformed;

    private long hidden;

    HiddenRequests(int port, double volume) {
        super(port, volume);
        this.budget = Math.max(4, (int) (2000 * volume));
    }

    @Override
    String name() {
        return "hidden-requests";
    }

    @Override
    void abuse() throws InterruptedException {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < HIDDEN_PER_FRAME; i++) {
            requests.writeBytes(Wire.request(2 + i, Wire.TARGETS, Wire.HIT, "[]"));
        }
        byte[] inside = requests.toByteArray();
        byte[] overrun = new Wire.Bytes().u16(0xffff).raw(inside).toArray();
        byte[] runsPastItsEnd = Wire.frame(Wire.REQUEST, 0, 1, overrun);
        byte[] tooShort = new Wire.Bytes().u32(2).u8(Wire.REQUEST).u8(0).raw(inside).toArray();
        for (int i = 0; i < this.budget && pace(100); i++) {
            Conn conn = openBinary();
            if (conn == null) {
                continue;
            }
            if (send(conn, (i % 2 == 0) ? runsPastItsEnd : tooShort)) {
                this.malformed++;
                this.hidden += HIDDEN_PER_FRAME;
            }
            awaitClose(conn, Duration.ofSeconds(2));
        }
        pace(Long.MAX_VALUE);
    }

    private void awaitClose(Conn conn, Duration within) {
        try {
            conn.channel.socket().setSoTimeout((int) within.toMillis());
            while (conn.in().read() >= 0) {
                // discard what the server answers before it closes
            }
            lost(conn);
        }
        catch (java.net.SocketTimeoutException ex) {
            // still open: the end of the phase counts it
        }
        catch (java.io.IOException ex) {
            lost(conn);
        }
    }

    /**
     * Returns the hidden requests sent.
     * @return the count
     */
    long hidden() {
        return this.hidden;
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT, "%,d malformed frames hiding %,d `hit()` requests", this.malformed,
                this.hidden);
    }

}
