package io.rpcboot.internal.client;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * Calls a method that returns a {@link CompletableFuture}: the caller gets the future at
 * once, and every failure, before or after the request is written, goes through it, after
 * the attempts its {@link Retries} allow. The answer is decoded off the event loop, on
 * the callback executor; that decode owns the response's payload, so cancelling the
 * future after the answer arrived releases nothing. Cancelling it before abandons the
 * attempt in flight, and no other is made. The outcomes reach the callback executor in
 * batches: the client's {@link CallbackBatches}, shared by its methods.
 */
final class FutureInvoker implements ClientInvoker {

    private final CallbackBatches callbacks;

    FutureInvoker(CallbackBatches callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    // the future is the call's result, which the caller receives
    @SuppressWarnings("FutureReturnValueIgnored")
    public Object call(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata, @Nullable RpcCall rpcCall) {
        CallResult result = new CallResult();
        try {
            long start = System.nanoTime();
            method.retries().callMade(start);
            Attempts attempts = new Attempts(method, arguments, start + timeoutNanos, timeoutNanos, metadata, rpcCall,
                    result);
            result.attempts = attempts;
            attempts.attempt();
        }
        catch (RuntimeException ex) {
            result.completeExceptionally(ex);
        }
        return result;
    }

    @Override
    // the future is the call's result, which the caller receives
    @SuppressWarnings("FutureReturnValueIgnored")
    public Object failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }

    private static RuntimeException connectionFailure(ClientMethod method, Throwable failure) {
        if (failure instanceof TimeoutException
                || (failure instanceof CompletionException && failure.getCause() instanceof TimeoutException)) {
            return new RpcException(RpcStatus.DEADLINE_EXCEEDED, "no connection to service '" + method.serviceLabel()
                    + "' within the deadline of " + method.descriptor());
        }
        return ClientMethod.unwrap(failure);
    }

    /**
     * The attempts of one call: receives each attempt's outcome where the call completes
     * and handles it on the callback executor.
     */
    private final class Attempts implements BiConsumer<ResponseFrame, Throwable>, Runnable {

        private final ClientMethod method;

        private final Object @Nullable [] arguments;

        private final long deadline;

        private final long timeoutNanos;

        private final Map<String, String> metadata;

        private final @Nullable RpcCall rpcCall;

        private final CompletableFuture<Object> result;

        /** The attempt in flight, for a cancel of the result to abandon. */
        private volatile @Nullable ClientCall current;

        private volatile @Nullable EndpointAddress endpoint;

        private volatile @Nullable RetryState retry;

        /** The connection of the attempt in flight, whose reads batch its outcome. */
        private volatile @Nullable ClientConnection connection;

        /** The outcome of the attempt in flight, from its completion to its handling. */
        private volatile @Nullable ResponseFrame response;

        private volatile @Nullable Throwable failure;

        Attempts(ClientMethod method, Object @Nullable [] arguments, long deadline, long timeoutNanos,
                Map<String, String> metadata, @Nullable RpcCall rpcCall, CompletableFuture<Object> result) {
            this.method = method;
            this.arguments = arguments;
            this.deadline = deadline;
            this.timeoutNanos = timeoutNanos;
            this.metadata = metadata;
            this.rpcCall = rpcCall;
            this.result = result;
        }

        /** Abandons the attempt in flight: the caller cancelled the result. */
        void abandon() {
            ClientCall call = this.current;
            if (call != null) {
                call.abandon(RpcStatus.CANCELLED, "the caller cancelled the call to " + this.method.descriptor());
            }
        }

        // whenComplete as a listener: the callback handles the outcome
        @SuppressWarnings("FutureReturnValueIgnored")
        void attempt() {
            this.endpoint = null;
            try {
                CompletableFuture<ClientConnection> connecting = this.method.connection(this.retry);
                if (connecting.isDone() && !connecting.isCompletedExceptionally()) {
                    send(connecting.join());
                    return;
                }
                // the call's deadline also bounds the wait for a connection
                connecting.copy()
                    .orTimeout(Math.max(0, this.deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .whenComplete((connection, failure) -> {
                        if (failure != null) {
                            failed(connectionFailure(this.method, failure));
                        }
                        else {
                            send(connection);
                        }
                    });
            }
            catch (RuntimeException ex) {
                this.result.completeExceptionally(ex);
            }
        }

        // whenComplete as a listener: the callback handles the outcome
        @SuppressWarnings("FutureReturnValueIgnored")
        private void send(ClientConnection connection) {
            if (this.result.isDone()) {
                return; // cancelled while connecting: nothing to send
            }
            ClientCall call;
            try {
                call = this.method.newCall(connection, this.arguments, this.deadline - System.nanoTime(),
                        this.timeoutNanos, this.metadata);
            }
            catch (RuntimeException ex) {
                this.result.completeExceptionally(ex);
                return;
            }
            this.endpoint = connection.address();
            this.current = call;
            if (this.result.isCancelled()) {
                abandon(); // the cancel came before the call was current
            }
            this.connection = connection;
            call.whenComplete(this);
            // a cancel that came first left the call done: its write finds it so and
            // never sends it
            connection.start(call);
        }

        /** The attempt completed: where it did (usually the connection's event loop). */
        @Override
        public void accept(@Nullable ResponseFrame response, @Nullable Throwable failure) {
            this.response = response;
            this.failure = failure;
            try {
                FutureInvoker.this.callbacks.execute(this, this.connection);
            }
            catch (RejectedExecutionException ex) {
                if (response != null) {
                    response.payload().release();
                }
                this.result.completeExceptionally(
                        new RpcException(RpcStatus.CANCELLED, "the client closed before the answer was handled"));
            }
        }

        /** Handles the outcome of the attempt, on the callback executor. */
        @Override
        public void run() {
            ResponseFrame response = this.response;
            Throwable failure = this.failure;
            this.response = null;
            this.failure = null;
            if (failure != null || response == null) {
                failed(ClientMethod.unwrap((failure != null) ? failure : new IllegalStateException("no answer")));
                return;
            }
            EndpointAddress answered = this.endpoint;
            if (response.status() != RpcStatus.OK && !this.result.isDone() && answered != null) {
                RetryState next = this.method.retries()
                    .afterAnswer(this.method, this.retry, response, answered, this.deadline, this.rpcCall);
                if (next != null) {
                    response.payload().release();
                    retryAfter(next);
                    return;
                }
            }
            try {
                this.result.complete(this.method.decode(response, this.rpcCall));
            }
            catch (Throwable ex) {
                this.result.completeExceptionally(ex);
            }
        }

        private void failed(RuntimeException failure) {
            if (!this.result.isDone()) {
                RetryState next = this.method.retries()
                    .afterFailure(this.method, this.retry, failure, this.endpoint, this.deadline, this.rpcCall);
                if (next != null) {
                    retryAfter(next);
                    return;
                }
            }
            this.result.completeExceptionally(NotProcessedException.forCaller(failure));
        }

        private void retryAfter(RetryState next) {
            this.retry = next;
            this.current = null;
            if (next.delayNanos == 0) {
                attempt();
                return;
            }
            this.method.retries().timer().newTimeout((timeout) -> {
                try {
                    FutureInvoker.this.callbacks.execute(this::attempt);
                }
                catch (RejectedExecutionException ex) {
                    this.result.completeExceptionally(
                            new RpcException(RpcStatus.CANCELLED, "the client closed before the call was retried"));
                }
            }, next.delayNanos, TimeUnit.NANOSECONDS);
        }

    }

    /**
     * The future the caller gets: cancelling it abandons the attempt in flight (a hook of
     * its own rather than a dependent stage per call).
     */
    private static final class CallResult extends CompletableFuture<Object> {

        /** The attempts, set before the first; a cancel before finds none to abandon. */
        volatile @Nullable Attempts attempts;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                abandonAttempt();
            }
            return cancelled;
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            boolean completed = super.completeExceptionally(failure);
            if (completed && failure instanceof CancellationException) {
                abandonAttempt(); // a cancel by another name
            }
            return completed;
        }

        private void abandonAttempt() {
            Attempts current = this.attempts;
            if (current != null) {
                current.abandon();
            }
        }

    }

}
