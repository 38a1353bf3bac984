package io.rpcboot.benchmarks;

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

}
