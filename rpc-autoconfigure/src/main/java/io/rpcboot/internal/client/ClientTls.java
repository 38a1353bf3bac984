package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.function.Supplier;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How a client speaks TLS to the endpoints of one service: the TLS context, asked once
 * per new connection so that reloaded material applies to the next connection, and
 * whether the server's certificate must name the host of the endpoint's URL.
 */
public final class ClientTls {

    private final Supplier<SslContext> context;

    private final boolean verifyHostname;

    /**
     * Creates the TLS settings of a service.
     * @param context the supplier of the current client TLS context, whose engines
     * identify the server as {@code verifyHostname} says (the endpoint identification
     * algorithm {@code HTTPS}, or none)
     * @param verifyHostname whether the server's certificate must name the host the
     * client connects to (as HTTPS clients check)
     */
    public ClientTls(Supplier<SslContext> context, boolean verifyHostname) {
        this.context = context;
        this.verifyHostname = verifyHostname;
    }

    /**
     * Returns whether the server's certificate must name the host the client connects to.
     * @return whether host names are verified
     */
    public boolean verifyHostname() {
        return this.verifyHostname;
    }

    /**
     * Creates the TLS handler of a new connection, whose engine knows the endpoint's host
     * and port: for host name verification and session resumption.
     * @param allocator the connection's allocator
     * @param peerHost the host the server's certificate must name: the host name of the
     * endpoint's URL, not the address it resolved to
     * @param port the endpoint's port
     * @param handshakeTimeout how long the handshake may take
     * @return the handler, to be first in the connection's pipeline
     */
    SslHandler newHandler(ByteBufAllocator allocator, String peerHost, int port, Duration handshakeTimeout) {
        SslHandler handler = this.context.get().newHandler(allocator, peerHost, port);
        handler.setHandshakeTimeoutMillis(Math.max(1, handshakeTimeout.toMillis()));
        return handler;
    }

}
