package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Patterns 1 to 3: one connection writes a message over and over and never reads the
 * answers, so the answers pile up on the server's side; when the server closes it, or it
 * has sent its share, another connection takes over, until the pattern's budget is spent.
 * A connection whose writes block at the end is one the server stopped reading.
 */
final class FloodWithoutReading extends Abuse {

    private static final long MB = 1024 * 1024;

    private final String name;

    private final String what;

    private final boolean binary;

    private final IntFunction<byte[]> message;

    private final long perConnection;

    private final long budget;

    private long messages;

    private long connectionsUsed;

    private FloodWithoutReading(int port, double volume, String name, String what, boolean binary,
            IntFunction<byte[]> message, long perConnectionMb, long budgetMb) {
        super(port, volume);
        this.name = name;
        this.what = what;
        this.binary = binary;
        this.message = message;
        this.perConnection = Math.max(64 * 1024, (long) (perConnectionMb * MB * volume));
        this.budget = Math.max(this.perConnection, (long) (budgetMb * MB * volume));
    }

    /** PINGs (18 bytes each), 16 MB a connection, 64 MB in all. */
    static FloodWithoutReading pings(int port, double volume) {
        return new FloodWithoutReading(port, volume, "ping-flood", "PINGs", true, Wire::ping, 16, 64);
    }

    /** Echo REQUESTs with JSON arguments, 8 MB a connection, 32 MB in all. */
    static FloodWithoutReading requests(int port, double volume) {
        return new FloodWithoutReading(port, volume, "pipelined-requests", "echo REQUESTs", true,
                (id) -> Wire.request(id, Wire.BENCH, Wire.ECHO, Wire.ECHO_ARGUMENTS), 8, 32);
    }

    /** {@code GET /} requests, 4 MB a connection, 16 MB in all. */
    static FloodWithoutReading httpGets(int port, double volume) {
        byte[] get = Wire.httpGetRoot();
        return new FloodWithoutReading(port, volume, "pipelined-http", "pipelined `GET /`", false, (id) -> get, 4, 16);
    }

    @Override
    String name() {
        return this.name;
    }

    @Override
    void abuse() throws InterruptedException {
        long spent = 0;
        int id = 1;
        while (!stopping() && spent < this.budget) {
            @Nullable Conn conn = this.binary ? openBinary() : open();
            if (conn == null) {
                if (!pace(500)) {
                    return;
                }
                continue;
            }
            this.connectionsUsed++;
            long written = 0;
            boolean open = true;
            while (open && !stopping() && written < this.perConnection && spent < this.budget) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
                int count = 0;
                while (batch.size() < 32 * 1024) {
                    batch.writeBytes(this.message.apply(id++));
                    count++;
                }
                open = send(conn, batch.toByteArray());
                if (open) {
                    this.messages += count;
                    written += batch.size();
                    spent += batch.size();
                }
            }
        }
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT, "%,d %s on %d connection(s), never reading an answer", this.messages,
                this.what, this.connectionsUsed);
    }

}
