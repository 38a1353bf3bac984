package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Where a client method gets the connection of an attempt: an endpoint of the service
 * chosen by its balancer.
 */
@FunctionalInterface
interface Connections {

    /**
     * Returns a connection for an attempt, to an endpoint the call has not tried when one
     * is available.
     * @param tried the endpoints the call tried, {@code null} on its first attempt
     * @return a future completed with a connection that finished its handshake, or with
     * {@link io.rpcboot.RpcException} {@code UNAVAILABLE}: a
     * {@link NotProcessedException} naming the endpoint when it could not be reached
     */
    CompletableFuture<ClientConnection> connection(@Nullable TriedEndpoints tried);

    /**
     * Returns whether an endpoint the call has not tried is available.
     * @param tried the endpoints the call tried
     * @return whether another endpoint may take the call
     */
    default boolean hasUntried(TriedEndpoints tried) {
        return false;
    }

}
