package io.rpcboot.client;

import java.util.concurrent.CompletableFuture;

import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.MethodDescriptor;
import io.rpcboot.protocol.ResponseFrame;

/**
 * A request written to a connection and not yet answered. Completed on the connection's event loop
 * with the response (whose payload the receiver releases), or exceptionally with an
 * {@link RpcException}.
 */
final class PendingCall extends CompletableFuture<ResponseFrame> {

    private final ClientConnection connection;

    private final MethodDescriptor method;

    private final long timeoutNanos;

    private final long callTimeoutNanos;

    int id;

    @Nullable Timeout timeout;

    /**
     * Creates a call.
     * @param timeoutNanos the time left when it is sent: when it expires
     * @param callTimeoutNanos the call's whole timeout, for messages
     */
    PendingCall(ClientConnection connection, MethodDescriptor method, long timeoutNanos, long callTimeoutNanos) {
        this.connection = connection;
        this.method = method;
        this.timeoutNanos = timeoutNanos;
        this.callTimeoutNanos = callTimeoutNanos;
    }

    MethodDescriptor method() {
        return this.method;
    }

    long timeoutNanos() {
        return this.timeoutNanos;
    }

    long callTimeoutNanos() {
        return this.callTimeoutNanos;
    }

    ClientConnection connection() {
        return this.connection;
    }

    /**
     * Gives up the call from the caller's side: the server is told to stop it, and an answer that
     * arrived meanwhile is released.
     * @param status the status the caller sees
     * @param message why
     */
    void abandon(RpcStatus status, String message) {
        if (!completeExceptionally(new RpcException(status, message))) {
            ResponseFrame answered = getNow(null);
            if (answered != null) {
                answered.payload().release();
            }
            return;
        }
        this.connection.cancel(this);
    }

    boolean complete(ResponseFrame response, boolean releaseIfLate) {
        boolean completed = complete(response);
        if (!completed && releaseIfLate) {
            response.payload().release();
        }
        return completed;
    }

}
