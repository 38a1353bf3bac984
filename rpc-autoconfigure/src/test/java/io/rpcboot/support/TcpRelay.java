package io.rpcboot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a free loopback port that copies bytes both ways between each connection
 * it accepts and a target port, and counts the connections. Put between a client and a
 * server, it shows how many connections the client opens without touching either side's
 * transport.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;

    private final int targetPort;

    private final AtomicInteger accepted = new AtomicInteger();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    /**
     * Starts relaying to a port of the loopback interface.
     * @param targetPort the port connections are relayed to
     */
    public TcpRelay(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Returns the port clients connect to.
     * @return the relay's port
     */
    public int port() {
        return this.listener.getLocalPort();
    }

    /**
     * Returns the number of connections accepted so far.
     * @return the count
     */
    public int acceptedConnections() {
        return this.accepted.get();
    }

    /**
     * Returns the number of relayed connections still open on both sides.
     * @return the count
     */
    public int openConnections() {
        return (int) this.sockets.stream().filter((socket) -> !socket.isClosed()).count() / 2;
    }

    private void acceptLoop() {
        while (!this.closed) {
            try {
                Socket client = this.listener.accept();
                this.accepted.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                this.sockets.add(client);
                this.sockets.add(server);
                pump(client, server);
                pump(server, client);
            }
            catch (IOException ex) {
                if (!this.closed) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // one side closed: the finally block closes the other
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        this.closed = true;
        closeQuietly(this.listener);
        this.sockets.forEach(TcpRelay::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // already closed
        }
    }

}
