package io.rpcboot.benchmarks;

import java.util.function.LongSupplier;

/**
 * An endless stream whose consumer asks for one element at a time, slowly: what a slow
 * consumer leaves in the server's memory.
 */
public interface SlowStream extends AutoCloseable {

    /**
     * Returns the elements the consumer received so far.
     * @return the count
     */
    long received();

    /**
     * Cancels the stream.
     */
    @Override
    void close();

    /**
     * Returns a stream whose consumer counts what it received.
     * @param received the elements received so far
     * @param cancel cancels the stream
     * @return the stream
     */
    static SlowStream of(LongSupplier received, Runnable cancel) {
        return new SlowStream() {

            @Override
            public long received() {
                return received.getAsLong();
            }

            @Override
            public void close() {
                cancel.run();
            }

        };
    }

}
