package io.rpcboot.internal.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Supplier;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * How a server listens and what it accepts. Built with {@link #builder()}, whose every
 * option has a default, so that a new option leaves the code that builds options
 * unchanged.
 */
public final class ServerOptions {

    /** The default of {@link #streamWindow()}: 128 messages. */
    public static final int DEFAULT_STREAM_WINDOW = 128;

    /** The port that turns the TCP listener off. */
    public static final int NO_PORT = -1;

    private final @Nullable InetAddress address;

    private final int port;

    private final int maxMessageSize;

    private final int maxThreads;

    private final int maxQueuedCalls;

    private final boolean includeErrorMessage;

    private final ConnectionLimits connectionLimits;

    private final int maxConcurrentCallsPerConnection;

    private final int streamWindow;

    private final @Nullable Supplier<SslContext> tls;

    private final @Nullable String inProcessName;

    private ServerOptions(Builder builder) {
        this.address = builder.address;
        this.port = builder.port;
        this.maxMessageSize = builder.maxMessageSize;
        this.maxThreads = builder.maxThreads;
        this.maxQueuedCalls = builder.maxQueuedCalls;
        this.includeErrorMessage = builder.includeErrorMessage;
        this.connectionLimits = new ConnectionLimits(builder.maxConnections, builder.handshakeTimeout,
                builder.messageReadTimeout, builder.idleTimeout, builder.maxConnectionAge,
                builder.maxConnectionAgeGrace);
        this.maxConcurrentCallsPerConnection = builder.maxConcurrentCallsPerConnection;
        this.streamWindow = builder.streamWindow;
        this.tls = builder.tls;
        this.inProcessName = builder.inProcessName;
    }

    /**
     * Returns a builder whose options start at their defaults.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the address to bind.
     * @return the address, {@code null} for all
     */
    public @Nullable InetAddress address() {
        return this.address;
    }

    /**
     * Returns the port to bind.
     * @return the port, {@code 0} for a free one, {@link #NO_PORT} for no TCP listener
     */
    public int port() {
        return this.port;
    }

    /**
     * Returns whether the server listens on a TCP port.
     * @return whether the port is not {@link #NO_PORT}
     */
    public boolean listensOnTcp() {
        return this.port != NO_PORT;
    }

    /**
     * Returns the name of the in-JVM channel the server also serves on.
     * @return the name, {@code null} for none
     */
    public @Nullable String inProcessName() {
        return this.inProcessName;
    }

    /**
     * Returns the largest request frame read.
     * @return the size in bytes
     */
    public int maxMessageSize() {
        return this.maxMessageSize;
    }

    /**
     * Returns the number of threads that run calls when the server owns its executor.
     * @return the thread count
     */
    public int maxThreads() {
        return this.maxThreads;
    }

    /**
     * Returns how many calls may wait for a thread before new calls are refused with
     * {@code RESOURCE_EXHAUSTED}.
     * @return the queue's capacity
     */
    public int maxQueuedCalls() {
        return this.maxQueuedCalls;
    }

    /**
     * Returns whether the caller receives the message of an exception the method does not
     * declare (its type is always named; a declared exception always carries its
     * message).
     * @return whether such messages are sent
     */
    public boolean includeErrorMessage() {
        return this.includeErrorMessage;
    }

    /**
     * Returns how many connections are accepted and how long each may take.
     * @return the connection limits
     */
    public ConnectionLimits connectionLimits() {
        return this.connectionLimits;
    }

    /**
     * Returns the calls in flight on one binary connection beyond which its new calls are
     * refused with {@code RESOURCE_EXHAUSTED}; announced to the client in SETTINGS.
     * @return the per-connection limit
     */
    public int maxConcurrentCallsPerConnection() {
        return this.maxConcurrentCallsPerConnection;
    }

    /**
     * Returns the most messages of a client's stream that the server grants and has not
     * yet handed to the implementation.
     * @return the window, in messages
     */
    public int streamWindow() {
        return this.streamWindow;
    }

    /**
     * Returns where each new connection's TLS material comes from.
     * @return the supplier of the current TLS context, asked once per accepted
     * connection, or {@code null} when the server speaks plaintext
     */
    public @Nullable Supplier<SslContext> tls() {
        return this.tls;
    }

    /**
     * Collects server options; each starts at the default its method names.
     */
    public static final class Builder {

        private @Nullable InetAddress address;

        private int port;

        private int maxMessageSize = 4 * 1024 * 1024;

        private int maxThreads = 200;

        private int maxQueuedCalls = 10_000;

        private boolean includeErrorMessage;

        private int maxConnections = 8192;

        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Duration messageReadTimeout = Duration.ofSeconds(30);

        private Duration idleTimeout = Duration.ofMinutes(5);

        private @Nullable Duration maxConnectionAge;

        private Duration maxConnectionAgeGrace = Duration.ofSeconds(30);

        private int maxConcurrentCallsPerConnection = 1000;

        private int streamWindow = DEFAULT_STREAM_WINDOW;

        private @Nullable Supplier<SslContext> tls;

        private @Nullable String inProcessName;

        private Builder() {
        }

        /**
         * Sets the address to bind (default: all addresses).
         * @param address the address, {@code null} for all
         * @return this builder
         */
        public Builder address(@Nullable InetAddress address) {
            this.address = address;
            return this;
        }

        /**
         * Sets the port to bind (default: {@code 0}, a free port).
         * @param port a port from 0 to 65535, or {@link #NO_PORT} for no TCP listener
         * @return this builder
         * @throws IllegalArgumentException when the port is out of range
         */
        public Builder port(int port) {
            if (port < NO_PORT || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be between -1 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the largest request frame read (default: 4 MB).
         * @param maxMessageSize the size in bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the size is below 1
         */
        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = atLeast(1, "maxMessageSize", maxMessageSize);
            return this;
        }

        /**
         * Sets the number of threads that run calls when the server owns its executor
         * (default: 200).
         * @param maxThreads the thread count, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the count is below 1
         */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = atLeast(1, "maxThreads", maxThreads);
            return this;
        }

        /**
         * Sets how many calls may wait for a thread (default: 10000).
         * @param maxQueuedCalls the queue's capacity, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the capacity is below 1
         */
        public Builder maxQueuedCalls(int maxQueuedCalls) {
            this.maxQueuedCalls = atLeast(1, "maxQueuedCalls", maxQueuedCalls);
            return this;
        }

        /**
         * Sets whether the caller receives the message of an exception the method does
         * not declare (default: {@code false}).
         * @param includeErrorMessage whether such messages are sent
         * @return this builder
         */
        public Builder includeErrorMessage(boolean includeErrorMessage) {
            this.includeErrorMessage = includeErrorMessage;
            return this;
        }

        /**
         * Sets the connections open at once; the server refuses more with a clear close
         * (default: 8192).
         * @param maxConnections the connection count, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the count is below 1
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = atLeast(1, "maxConnections", maxConnections);
            return this;
        }

        /**
         * Sets how long a connection may take from accept until its protocol is known and
         * its handshake done (default: 10s, zero for no limit).
         * @param handshakeTimeout the timeout, not negative
         * @return this builder
         * @throws IllegalArgumentException when the timeout is negative
         */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = notNegative("handshakeTimeout", handshakeTimeout);
            return this;
        }

        /**
         * Sets how long a frame or an HTTP request may take to arrive whole once its
         * first bytes have (default: 30s, zero for no limit).
         * @param messageReadTimeout the timeout, not negative
         * @return this builder
         * @throws IllegalArgumentException when the timeout is negative
         */
        public Builder messageReadTimeout(Duration messageReadTimeout) {
            this.messageReadTimeout = notNegative("messageReadTimeout", messageReadTimeout);
            return this;
        }

        /**
         * Sets how long a connection may stay without a call in flight and without a
         * request (default: 5m, zero for no limit).
         * @param idleTimeout the timeout, not negative
         * @return this builder
         * @throws IllegalArgumentException when the timeout is negative
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = notNegative("idleTimeout", idleTimeout);
            return this;
        }

        /**
         * Sets the age at which a connection is told to go away (default: none).
         * @param maxConnectionAge the age, not negative, {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException when the age is negative
         */
        public Builder maxConnectionAge(@Nullable Duration maxConnectionAge) {
            this.maxConnectionAge = (maxConnectionAge != null) ? notNegative("maxConnectionAge", maxConnectionAge)
                    : null;
            return this;
        }

        /**
         * Sets how long the calls of a connection that reached its age may take before it
         * is closed anyway (default: 30s).
         * @param maxConnectionAgeGrace the grace period, not negative
         * @return this builder
         * @throws IllegalArgumentException when the grace period is negative
         */
        public Builder maxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
            this.maxConnectionAgeGrace = notNegative("maxConnectionAgeGrace", maxConnectionAgeGrace);
            return this;
        }

        /**
         * Sets the calls in flight on one binary connection beyond which its new calls
         * are refused (default: 1000).
         * @param maxConcurrentCallsPerConnection the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the limit is below 1
         */
        public Builder maxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
            this.maxConcurrentCallsPerConnection = atLeast(1, "maxConcurrentCallsPerConnection",
                    maxConcurrentCallsPerConnection);
            return this;
        }

        /**
         * Sets the most messages of a client's stream granted and not yet handed to the
         * implementation (default: 128).
         * @param streamWindow the window, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the window is below 1
         */
        public Builder streamWindow(int streamWindow) {
            this.streamWindow = atLeast(1, "streamWindow", streamWindow);
            return this;
        }

        /**
         * Makes the server speak TLS only, on both protocols (default: plaintext). The
         * supplier is asked once per accepted connection, so a context it replaces (a
         * reloaded certificate) applies to new connections while existing ones keep
         * theirs.
         * @param tls the supplier of the current server TLS context, {@code null} for
         * plaintext
         * @return this builder
         */
        public Builder tls(@Nullable Supplier<SslContext> tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Makes the server also serve on an in-JVM channel of the given name (default:
         * none), which clients in the same JVM reach at {@code in-process:NAME}: the
         * binary protocol without a socket, TLS or HTTP.
         * @param inProcessName the name, {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder inProcessName(@Nullable String inProcessName) {
            if (inProcessName != null && inProcessName.isBlank()) {
                throw new IllegalArgumentException("inProcessName must not be blank");
            }
            this.inProcessName = inProcessName;
            return this;
        }

        /**
         * Returns the options.
         * @return the options collected so far
         */
        public ServerOptions build() {
            return new ServerOptions(this);
        }

        private static int atLeast(int minimum, String name, int value) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", not " + value);
            }
            return value;
        }

        private static Duration notNegative(String name, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not " + value);
            }
            return value;
        }

    }

    /**
     * How many connections a server accepts and how long a connection may take to do
     * what. A duration of zero turns that limit off.
     *
     * @param maxConnections connections open at once; the server refuses more with a
     * clear close
     * @param handshakeTimeout from accept until the protocol is known and, for the binary
     * protocol, the client's SETTINGS frame has arrived; for HTTP, until the first
     * request is complete
     * @param messageReadTimeout how long a frame or an HTTP request may take to arrive
     * whole once its first bytes have
     * @param idleTimeout how long a connection may stay without a call in flight and
     * without a request before it is closed; keepalive pings do not count
     * @param maxConnectionAge the age at which a connection is told to go away,
     * {@code null} for none
     * @param maxConnectionAgeGrace how long the calls of a connection that reached its
     * age may take before it is closed anyway
     */
    public record ConnectionLimits(int maxConnections, Duration handshakeTimeout, Duration messageReadTimeout,
            Duration idleTimeout, @Nullable Duration maxConnectionAge, Duration maxConnectionAgeGrace) {

    }

}
