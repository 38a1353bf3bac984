package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;

/**
 * Where a client method gets the connection for a call: the service's next endpoint.
 */
@FunctionalInterface
interface Connections {

    /**
     * Returns a connection for a call.
     * @return a future completed with a connection that finished its handshake, or with
     * {@link io.rpcboot.RpcException} {@code UNAVAILABLE}
     */
    CompletableFuture<ClientConnection> connection();

}
