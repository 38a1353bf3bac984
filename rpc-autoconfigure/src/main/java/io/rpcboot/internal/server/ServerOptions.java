package io.rpcboot.internal.server;

import java.net.InetAddress;
import java.time.Duration;

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
 * @param includeErrorMessage whether the caller receives the message of an exception the method does
 * not declare (its type is always named; a declared exception always carries its message)
 * @param connectionLimits how many connections are accepted and how long each may take
 * @param maxConcurrentCallsPerConnection calls in flight on one binary connection beyond which its
 * new calls are refused with {@code RESOURCE_EXHAUSTED}; announced to the client in SETTINGS
 */
public record ServerOptions(@Nullable InetAddress address, int port, int maxMessageSize, int maxThreads,
        int maxQueuedCalls, boolean includeErrorMessage, ConnectionLimits connectionLimits,
        int maxConcurrentCallsPerConnection) {

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
     * How many connections a server accepts and how long a connection may take to do what. A
     * duration of zero turns that limit off.
     *
     * @param maxConnections connections open at once; the server refuses more with a clear close
     * @param handshakeTimeout from accept until the protocol is known and, for the binary protocol,
     * the client's SETTINGS frame has arrived; for HTTP, until the first request is complete
     * @param messageReadTimeout how long a frame or an HTTP request may take to arrive whole once its
     * first bytes have
     * @param idleTimeout how long a connection may stay without a call in flight and without a
     * request before it is closed; keepalive pings do not count
     * @param maxConnectionAge the age at which a connection is told to go away, {@code null} for none
     * @param maxConnectionAgeGrace how long the calls of a connection that reached its age may take
     * before it is closed anyway
     */
    public record ConnectionLimits(int maxConnections, Duration handshakeTimeout, Duration messageReadTimeout,
            Duration idleTimeout, @Nullable Duration maxConnectionAge, Duration maxConnectionAgeGrace) {

        /** The defaults: 8192 connections, 10s handshake, 30s per message, 5m idle, no age limit. */
        static final ConnectionLimits DEFAULTS = new ConnectionLimits(8192, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(5), null, Duration.ofSeconds(30));

        /**
         * Checks the limits.
         * @throws IllegalArgumentException when a count is below one or a duration negative
         */
        public ConnectionLimits {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
            }
            requireNotNegative("handshakeTimeout", handshakeTimeout);
            requireNotNegative("messageReadTimeout", messageReadTimeout);
            requireNotNegative("idleTimeout", idleTimeout);
            if (maxConnectionAge != null) {
                requireNotNegative("maxConnectionAge", maxConnectionAge);
            }
            requireNotNegative("maxConnectionAgeGrace", maxConnectionAgeGrace);
        }

        private static void requireNotNegative(String name, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not " + value);
            }
        }

    }

}
