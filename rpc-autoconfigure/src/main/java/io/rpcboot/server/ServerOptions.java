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
 */
public record ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
        int maxQueuedCalls) {
}
