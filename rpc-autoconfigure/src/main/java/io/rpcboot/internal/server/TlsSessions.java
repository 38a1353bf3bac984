package io.rpcboot.internal.server;

import javax.net.ssl.SSLSession;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * The TLS session of a connection, for what the server learns from it about the caller
 * (the certificate of a client that presented one).
 */
public final class TlsSessions {

    private TlsSessions() {
    }

    /**
     * Returns the TLS session of a connection whose handshake is complete, as it is once
     * a protocol handler reads the connection's first bytes.
     * @param channel the connection
     * @return the session, {@code null} on a plaintext connection
     */
    public static @Nullable SSLSession of(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return (tls != null) ? tls.engine().getSession() : null;
    }

}
