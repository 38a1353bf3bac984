package io.rpcboot.internal.protocol;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;

/**
 * The runtime's {@link RpcCall}, as the client and the server hand it to interceptors.
 */
public final class InterceptedCall extends RpcCall {

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
        super(side, service, method, requestMetadata, responseMetadata, remoteAddress);
    }

}
