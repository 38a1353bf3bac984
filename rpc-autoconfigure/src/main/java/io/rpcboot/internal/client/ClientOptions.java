package io.rpcboot.internal.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * Settings shared by every service a client calls.
 *
 * @param maxMessageSize the largest response frame read, in bytes
 * @param connectTimeout how long to wait for a connection and its handshake
 * @param keepAliveInterval how long a connection with calls waiting may stay silent
 * before the client pings the server
 * @param keepAliveTimeout how long the client waits for the answer to its ping before it
 * declares the server dead, closes the connection and fails its calls with
 * {@code UNAVAILABLE}
 * @param payloadFormat the format the client sends payloads in when the server reads it
 * (JSON otherwise)
 * @param tls how connections speak TLS, {@code null} for plaintext; the connect timeout
 * covers the TLS handshake
 * @param streamWindow the most messages of a result stream granted to the server and not
 * yet delivered to the subscriber
 */
public record ClientOptions(int maxMessageSize, Duration connectTimeout, Duration keepAliveInterval,
        Duration keepAliveTimeout, PayloadFormat payloadFormat, @Nullable ClientTls tls, int streamWindow) {

    /** The default of {@link #streamWindow()}: 128 messages. */
    public static final int DEFAULT_STREAM_WINDOW = 128;

    /**
     * Creates settings with the default stream window.
     * @param maxMessageSize the largest response frame read, in bytes
     * @param connectTimeout how long to wait for a connection and its handshake
     * @param keepAliveInterval how long a connection with calls waiting may stay silent
     * before the client pings the server
     * @param keepAliveTimeout how long the client waits for the answer to its ping
     * @param payloadFormat the format the client sends payloads in when the server reads
     * it
     * @param tls how connections speak TLS, {@code null} for plaintext
     */
    public ClientOptions(int maxMessageSize, Duration connectTimeout, Duration keepAliveInterval,
            Duration keepAliveTimeout, PayloadFormat payloadFormat, @Nullable ClientTls tls) {
        this(maxMessageSize, connectTimeout, keepAliveInterval, keepAliveTimeout, payloadFormat, tls,
                DEFAULT_STREAM_WINDOW);
    }

    /**
     * Returns these settings with another stream window.
     * @param streamWindow the window, at least 1
     * @return the settings
     * @throws IllegalArgumentException when the window is below 1
     */
    public ClientOptions withStreamWindow(int streamWindow) {
        if (streamWindow < 1) {
            throw new IllegalArgumentException("streamWindow must be at least 1, got " + streamWindow);
        }
        return new ClientOptions(this.maxMessageSize, this.connectTimeout, this.keepAliveInterval,
                this.keepAliveTimeout, this.payloadFormat, this.tls, streamWindow);
    }

    /**
     * The default of {@link #keepAliveInterval()} and {@link #keepAliveTimeout()}: 5
     * seconds.
     */
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(5);

    /** The default of {@link #payloadFormat()}: Smile. */
    static final PayloadFormat DEFAULT_PAYLOAD_FORMAT = PayloadFormat.SMILE;

    /**
     * Creates plaintext settings.
     * @param maxMessageSize the largest response frame read, in bytes
     * @param connectTimeout how long to wait for a connection and its handshake
     * @param keepAliveInterval how long a connection with calls waiting may stay silent
     * before the client pings the server
     * @param keepAliveTimeout how long the client waits for the answer to its ping
     * @param payloadFormat the format the client sends payloads in when the server reads
     * it
     */
    public ClientOptions(int maxMessageSize, Duration connectTimeout, Duration keepAliveInterval,
            Duration keepAliveTimeout, PayloadFormat payloadFormat) {
        this(maxMessageSize, connectTimeout, keepAliveInterval, keepAliveTimeout, payloadFormat, null);
    }

    /**
     * Returns these settings with other TLS settings.
     * @param tls how connections speak TLS, {@code null} for plaintext
     * @return the settings
     */
    public ClientOptions withTls(@Nullable ClientTls tls) {
        return (tls == this.tls) ? this : new ClientOptions(this.maxMessageSize, this.connectTimeout,
                this.keepAliveInterval, this.keepAliveTimeout, this.payloadFormat, tls, this.streamWindow);
    }

    /**
     * Creates settings with the default keepalive and payload format.
     * @param maxMessageSize the largest response frame read, in bytes
     * @param connectTimeout how long to wait for a connection and its handshake
     */
    public ClientOptions(int maxMessageSize, Duration connectTimeout) {
        this(maxMessageSize, connectTimeout, DEFAULT_KEEP_ALIVE, DEFAULT_KEEP_ALIVE, DEFAULT_PAYLOAD_FORMAT);
    }

}
