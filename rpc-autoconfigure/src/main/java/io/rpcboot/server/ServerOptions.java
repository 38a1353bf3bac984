package io.rpcboot.server;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * How a server listens and what it accepts.
 *
 * @param address the address to bind, {@code null} for all
 * @param port the port, {@code 0} for a free one
 * @param maxMessageSize the largest request frame read, in bytes
 * @param maxThreads the number of threads that run calls
 * @param maxQueuedCalls calls waiting for a thread beyond which new calls are refused with
 * {@code RESOURCE_EXHAUSTED}
 * @param httpEnabled whether the port also answers HTTP/1.1 with JSON
 * @param maxConcurrentCallsPerConnection calls in flight on one binary connection beyond which its
 * new calls are refused with {@code RESOURCE_EXHAUSTED}; announced to the client in SETTINGS
 */
public record ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
        int maxQueuedCalls, boolean httpEnabled, int maxConcurrentCallsPerConnection) {

    /** The default of {@link #maxConcurrentCallsPerConnection()}. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS_PER_CONNECTION = 1000;

    /**
     * Validates the options.
     */
    public ServerOptions {
        if (maxConcurrentCallsPerConnection < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentCallsPerConnection must be at least 1, was " + maxConcurrentCallsPerConnection);
        }
    }

    /**
     * Creates options with HTTP enabled, its default.
     * @param address the address to bind, {@code null} for all
     * @param port the port, {@code 0} for a free one
     * @param maxMessageSize the largest request frame read, in bytes
     * @param maxThreads the number of threads that run calls
     * @param maxQueuedCalls calls waiting for a thread beyond which new calls are refused
     */
    public ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
            int maxQueuedCalls) {
        this(address, port, maxMessageSize, maxThreads, maxQueuedCalls, true,
                DEFAULT_MAX_CONCURRENT_CALLS_PER_CONNECTION);
    }

}
