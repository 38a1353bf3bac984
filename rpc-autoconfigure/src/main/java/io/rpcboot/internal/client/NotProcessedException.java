package io.rpcboot.internal.client;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * A failure of an attempt that provably never reached the server's application code: the
 * connection could not be opened, the request was never written, or the server named it
 * unprocessed (GO_AWAY). Such an attempt is sent again to another endpoint, whatever the
 * method.
 */
final class NotProcessedException extends RpcException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable EndpointAddress endpoint;

    /**
     * Creates a failure.
     * @param endpoint the endpoint the attempt was meant for, {@code null} when none was
     * chosen
     * @param message the description
     */
    NotProcessedException(@Nullable EndpointAddress endpoint, String message) {
        super(RpcStatus.UNAVAILABLE, message);
        this.endpoint = endpoint;
    }

    @Nullable EndpointAddress endpoint() {
        return this.endpoint;
    }

    /**
     * Returns the failure a caller gets: a plain {@link RpcException}, since this type is
     * the client's own word between its attempts, not part of the API.
     * @param failure the last attempt's failure
     * @return the failure to throw or complete the caller's future with
     */
    static RuntimeException forCaller(RuntimeException failure) {
        return (failure instanceof NotProcessedException notProcessed)
                ? new RpcException(notProcessed.getStatus(), notProcessed.getDescription()) : failure;
    }

}
