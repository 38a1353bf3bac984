package io.rpcboot.internal.protocol;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.util.Map;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;

/**
 * The runtime's {@link RpcCall}, as the client and the server hand it to interceptors.
 */
public final class InterceptedCall extends RpcCall {

    private final @Nullable SSLSession tlsSession;

    /**
     * Creates a call.
     * @param side whether this is the caller's or the server's view
     * @param service the fully qualified name of the service interface
     * @param method the interface method
     * @param requestMetadata the request metadata: mutable on the client, read-only on
     * the server
     * @param responseMetadata the response metadata: mutable on the server, filled on the
     * client
     * @param remoteAddress the peer's address, when known
     */
    public InterceptedCall(Side side, String service, Method method, Map<String, String> requestMetadata,
            Map<String, String> responseMetadata, @Nullable SocketAddress remoteAddress) {
        this(side, service, method, requestMetadata, responseMetadata, remoteAddress, null);
    }

    /**
     * Creates a call that came over a connection.
     * @param side whether this is the caller's or the server's view
     * @param service the fully qualified name of the service interface
     * @param method the interface method
     * @param requestMetadata the request metadata: mutable on the client, read-only on
     * the server
     * @param responseMetadata the response metadata: mutable on the server, filled on the
     * client
     * @param remoteAddress the peer's address, when known
     * @param tlsSession the TLS session of the connection, {@code null} when it is not
     * TLS
     */
    public InterceptedCall(Side side, String service, Method method, Map<String, String> requestMetadata,
            Map<String, String> responseMetadata, @Nullable SocketAddress remoteAddress,
            @Nullable SSLSession tlsSession) {
        super(side, service, method, requestMetadata, responseMetadata, remoteAddress);
        this.tlsSession = tlsSession;
    }

    /**
     * Returns the TLS session of the connection the call came on, from which the
     * certificate of a client that presented one can be read.
     * @return the session, {@code null} for a call that did not come over TLS
     */
    public @Nullable SSLSession tlsSession() {
        return this.tlsSession;
    }

}
