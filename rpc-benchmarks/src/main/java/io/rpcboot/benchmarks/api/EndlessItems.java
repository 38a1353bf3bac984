package io.rpcboot.benchmarks.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the items that endless streams produced in this JVM, so that the slow-consumer
 * measurement can report how far a server's producer ran ahead of its consumer.
 */
public final class EndlessItems {

    private static final AtomicLong PRODUCED = new AtomicLong();

    private EndlessItems() {
    }

    /**
     * Counts one produced item.
     */
    public static void produced() {
        PRODUCED.incrementAndGet();
    }

    /**
     * Returns the items produced so far.
     * @return the count
     */
    public static long count() {
        return PRODUCED.get();
    }

}
