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
 * @param includeErrorMessage whether the caller receives the message of an exception the method does
 * not declare (its type is always named; a declared exception always carries its message)
 */
public record ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
        int maxQueuedCalls, boolean httpEnabled, boolean includeErrorMessage) {

    /**
     * Creates options with HTTP enabled and messages of undeclared exceptions withheld, the defaults.
     * @param address the address to bind, {@code null} for all
     * @param port the port, {@code 0} for a free one
     * @param maxMessageSize the largest request frame read, in bytes
     * @param maxThreads the number of threads that run calls
     * @param maxQueuedCalls calls waiting for a thread beyond which new calls are refused
     */
    public ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
            int maxQueuedCalls) {
        this(address, port, maxMessageSize, maxThreads, maxQueuedCalls, true, false);
    }

}
