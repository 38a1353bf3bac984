package io.rpcboot.internal.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the retries of a service, as Finagle's retry budget does: over a window of the
 * last {@value #WINDOW_SECONDS} seconds, retries may be a given ratio of the calls made,
 * plus a few per second so that a client that makes few calls can still retry. When a
 * service fails every call, the budget keeps the load its clients send it close to the
 * load they would send without retries, instead of multiplying it by the attempts.
 *
 * <p>
 * The window is a ring of one-second slots of counters; a slot is reset when time comes
 * back to it. Counting a call is one uncontended increment; the counts are approximate
 * under races between threads that cross a slot's boundary, and callers that ask for the
 * last retry at the same moment may each take it (the budget can be exceeded by one retry
 * per concurrent caller), which is all a budget needs.
 */
final class RetryBudget {

    /** The length of the window, in seconds. */
    static final int WINDOW_SECONDS = 10;

    private static final long SLOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final double ratio;

    private final long reserve;

    /**
     * Per slot, the second it counts, by {@link System#nanoTime()} divided by a second.
     */
    private final AtomicLongArray seconds = new AtomicLongArray(WINDOW_SECONDS);

    /** Calls per slot: counted by every call, from many threads at once. */
    private final LongAdder[] calls = new LongAdder[WINDOW_SECONDS];

    private final AtomicLongArray retries = new AtomicLongArray(WINDOW_SECONDS);

    /**
     * Creates a budget.
     * @param ratio the retries allowed per call made
     * @param minRetriesPerSecond the retries allowed per second whatever the calls
     */
    RetryBudget(double ratio, int minRetriesPerSecond) {
        this.ratio = ratio;
        this.reserve = (long) minRetriesPerSecond * WINDOW_SECONDS;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            this.seconds.set(i, Long.MIN_VALUE);
            this.calls[i] = new LongAdder();
        }
    }

    /**
     * Counts a call made.
     * @param nowNanos the time, by {@link System#nanoTime()}
     */
    void callMade(long nowNanos) {
        this.calls[slot(nowNanos)].increment();
    }

    /**
     * Takes a retry from the budget when there is one left.
     * @param nowNanos the time, by {@link System#nanoTime()}
     * @return whether the retry may be made
     */
    boolean tryRetry(long nowNanos) {
        int slot = slot(nowNanos);
        long second = Math.floorDiv(nowNanos, SLOT_NANOS);
        long callsInWindow = 0;
        long retriesInWindow = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (second - this.seconds.get(i) < WINDOW_SECONDS) {
                callsInWindow += this.calls[i].sum();
                retriesInWindow += this.retries.get(i);
            }
        }
        if (retriesInWindow >= this.reserve + (long) (this.ratio * callsInWindow)) {
            return false;
        }
        this.retries.incrementAndGet(slot);
        return true;
    }

    private int slot(long nowNanos) {
        long second = Math.floorDiv(nowNanos, SLOT_NANOS);
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        long counted = this.seconds.get(slot);
        if (counted != second && this.seconds.compareAndSet(slot, counted, second)) {
            this.calls[slot].reset();
            this.retries.set(slot, 0);
        }
        return slot;
    }

}
