package io.rpcboot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A server socket on a free loopback port whose connections are {@link RawConnection}s: a
 * test plays the server's side by hand, for answers no well-behaved server gives (a late
 * answer, an error that names an arbitrary class, a frame over the client's limit).
 */
public final class RawServer implements AutoCloseable {

    private final ServerSocket socket;

    /**
     * Listens on a free port of the loopback interface.
     */
    public RawServer() {
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.socket.setSoTimeout(5000);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Returns the port it listens on.
     * @return the port
     */
    public int port() {
        return this.socket.getLocalPort();
    }

    /**
     * Returns the URL a client is configured with to reach this server.
     * @return the URL, {@code rpc://127.0.0.1:port}
     */
    public String url() {
        return "rpc://127.0.0.1:" + port();
    }

    /**
     * Accepts the next connection, waiting at most five seconds, and completes the
     * handshake as a server: reads the client's preface and settings, then sends its own.
     * @param maxMessageSize the largest message this server says it reads
     * @return the connection, ready to read requests
     */
    public RawConnection acceptAndHandshake(int maxMessageSize) {
        return acceptAndHandshake(maxMessageSize, RawConnection.FORMAT_JSON);
    }

    /**
     * Accepts the next connection, waiting at most five seconds, and completes the
     * handshake as a server: reads the client's preface and settings, then sends its own.
     * @param maxMessageSize the largest message this server says it reads
     * @param payloadFormats the bit set of the payload formats this server says it reads
     * @return the connection, ready to read requests
     */
    public RawConnection acceptAndHandshake(int maxMessageSize, int payloadFormats) {
        try {
            RawConnection connection = new RawConnection(this.socket.accept());
            connection.readPeerHandshake();
            connection.writePreface();
            connection.writeSettings(maxMessageSize, payloadFormats);
            return connection;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Accepts the next connection, waiting at most five seconds, reads the client's
     * preface and settings and sends the server's preface; the test writes the server's
     * SETTINGS (with {@link RawConnection#writeFrame(int, int, byte[])}).
     * @return the connection, waiting for the server's settings
     */
    public RawConnection acceptWithoutSettings() {
        try {
            RawConnection connection = new RawConnection(this.socket.accept());
            connection.readPeerHandshake();
            connection.writePreface();
            return connection;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Accepts the next connection, waiting at most five seconds, and completes the
     * handshake as a server that speaks stream frames (its SETTINGS announce STREAMING).
     * @param maxMessageSize the largest message this server says it reads
     * @return the connection, ready to read requests
     */
    public RawConnection acceptAndHandshakeStreaming(int maxMessageSize) {
        try {
            RawConnection connection = new RawConnection(this.socket.accept());
            connection.readPeerHandshake();
            connection.writePreface();
            connection.writeStreamingSettings(maxMessageSize);
            return connection;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            this.socket.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
