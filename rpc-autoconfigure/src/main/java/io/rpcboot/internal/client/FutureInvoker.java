package io.rpcboot.internal.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * Calls a method that returns a {@link CompletableFuture}: the caller gets the future at
 * once, and every failure, before or after the request is written, goes through it. The
 * answer is decoded off the event loop, on the callback executor; that decode owns the
 * response's payload, so cancelling the future after the answer arrived releases nothing.
 * Cancelling it before abandons the call.
 */
final class FutureInvoker implements ClientInvoker {

    private final Executor callbackExecutor;

    FutureInvoker(Executor callbackExecutor) {
        this.callbackExecutor = callbackExecutor;
    }

    @Override
    public Object call(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata, @Nullable RpcCall rpcCall) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            CompletableFuture<ClientConnection> connecting = method.connections().connection();
            if (connecting.isDone() && !connecting.isCompletedExceptionally()) {
                send(method, connecting.join(), arguments, deadline, timeoutNanos, metadata, rpcCall, result);
                return result;
            }
            // the call's deadline also bounds the wait for a connection
            connecting.copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).whenComplete((connection, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(connectionFailure(method, failure));
                }
                else {
                    send(method, connection, arguments, deadline, timeoutNanos, metadata, rpcCall, result);
                }
            });
        }
        catch (RuntimeException ex) {
            result.completeExceptionally(ex);
        }
        return result;
    }

    @Override
    public Object failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }

    private void send(ClientMethod method, ClientConnection connection, Object @Nullable [] arguments, long deadline,
            long timeoutNanos, Map<String, String> metadata, @Nullable RpcCall rpcCall,
            CompletableFuture<Object> result) {
        if (result.isDone()) {
            return; // cancelled while connecting: nothing to send
        }
        ClientCall call;
        try {
            call = method.newCall(connection, arguments, deadline - System.nanoTime(), timeoutNanos, metadata);
        }
        catch (RuntimeException ex) {
            result.completeExceptionally(ex);
            return;
        }
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                call.abandon(RpcStatus.CANCELLED, "the caller cancelled the call to " + method.descriptor());
            }
        });
        call.whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(ClientMethod.unwrap(failure));
                return;
            }
            try {
                result.complete(method.decode(response, rpcCall));
            }
            catch (Throwable ex) {
                result.completeExceptionally(ex);
            }
        }, this.callbackExecutor);
        // a cancel that came first left the call done: its write finds it so and never
        // sends it
        connection.start(call);
    }

    private static RuntimeException connectionFailure(ClientMethod method, Throwable failure) {
        if (failure instanceof TimeoutException
                || (failure instanceof CompletionException && failure.getCause() instanceof TimeoutException)) {
            return new RpcException(RpcStatus.DEADLINE_EXCEEDED, "no connection to service '" + method.serviceLabel()
                    + "' within the deadline of " + method.descriptor());
        }
        return ClientMethod.unwrap(failure);
    }

}
