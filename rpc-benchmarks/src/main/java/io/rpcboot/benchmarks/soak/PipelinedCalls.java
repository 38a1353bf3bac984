package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Patterns 10 and 11: one binary connection that sends calls as fast as the server
 * answers them, keeping up to a number in flight, and reads every answer: calls of a
 * blocking 50 ms method that fill the server's call threads and queue
 * ({@code calls-in-flight}), or calls of a method that throws an exception its interface
 * does not declare, which the server logs ({@code error-flood}).
 */
final class PipelinedCalls extends Abuse {

    private static final int BATCH = 50;

    private final String name;

    private final String what;

    private final String method;

    private final String arguments;

    private final long inFlight;

    private final long budget;

    private final long pauseMillis;

    private final AtomicLong answers = new AtomicLong();

    private long sentCalls;

    private PipelinedCalls(int port, double volume, String name, String what, String method, String arguments,
            long inFlight, long budget, long pauseMillis) {
        super(port, volume);
        this.name = name;
        this.what = what;
        this.method = method;
        this.arguments = arguments;
        this.inFlight = Math.max(BATCH, (long) (inFlight * volume));
        this.budget = Math.max(BATCH, (long) (budget * volume));
        this.pauseMillis = pauseMillis;
    }

    /** Up to 20,000 calls of {@code pause(50)} in flight, 200,000 in all. */
    static PipelinedCalls callsInFlight(int port, double volume) {
        return new PipelinedCalls(port, volume, "calls-in-flight", "`pause(50)` calls", Wire.PAUSE, "[50]", 20_000,
                200_000, 5);
    }

    /** Calls of {@code fail(..)}, about 1,000 a second, 20,000 in all. */
    static PipelinedCalls errorFlood(int port, double volume) {
        return new PipelinedCalls(port, volume, "error-flood", "`fail(..)` calls (an undeclared exception)", Wire.FAIL,
                "[\"soak\"]", BATCH, 20_000, 50);
    }

    @Override
    String name() {
        return this.name;
    }

    @Override
    void abuse() throws InterruptedException {
        @Nullable Conn conn = null;
        int id = 1;
        long sentOnConnection = 0;
        while (this.sentCalls < this.budget && pace(this.pauseMillis)) {
            if (conn == null || conn.closed) {
                conn = openBinary();
                if (conn == null) {
                    continue;
                }
                this.answers.set(0);
                sentOnConnection = 0;
                readAnswers(conn, false, this.answers);
            }
            if (sentOnConnection - this.answers.get() >= this.inFlight) {
                continue;
            }
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < BATCH; i++) {
                batch.writeBytes(Wire.request(id++, Wire.TARGETS, this.method, this.arguments));
            }
            if (send(conn, batch.toByteArray())) {
                this.sentCalls += BATCH;
                sentOnConnection += BATCH;
            }
        }
        pace(Long.MAX_VALUE);
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT, "%,d %s on one connection at a time, up to %,d in flight", this.sentCalls,
                this.what, this.inFlight);
    }

}
