package io.rpcboot.server;

import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcInterceptorChain;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.ErrorPayload;
import io.rpcboot.protocol.MethodDescriptor;
import io.rpcboot.protocol.PayloadFormat;

/**
 * One call of an exported method, whatever transport brought it: skips it when its deadline has
 * passed, runs the server's interceptors, reads its arguments (after the interceptors, so that a
 * rejected call costs no deserialization), runs the method with the call's {@link RpcContext}, waits for the
 * future of an asynchronous method, and maps the outcome to a result or to a status and an
 * {@link ErrorPayload}. The transport turns that outcome into its own response. Runs on the server's
 * executor; {@link #cancel()} interrupts it.
 */
public final class ServerInvocation implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(ServerInvocation.class);

    private final ServerMethod method;

    private final ByteBuf arguments;

    private final PayloadFormat format;

    private final long timeoutMillis;

    private final long deadlineNanos;

    private final Map<String, String> metadata;

    private final @Nullable SocketAddress caller;

    private final Responder responder;

    private final RpcInterceptorChain interceptors;

    private volatile @Nullable RpcCall call;

    private boolean argumentsReleased;

    private @Nullable Throwable methodFailure;

    private @Nullable Thread runner;

    private @Nullable CompletableFuture<?> pendingResult;

    private boolean cancelled;

    /**
     * Creates an invocation whose deadline starts now.
     * @param method the method to call
     * @param arguments the array of the arguments; the invocation releases it
     * @param format the format of the arguments
     * @param timeoutMillis the time the caller waits, {@code 0} for no deadline
     * @param metadata the request metadata
     * @param caller the remote address, for log messages
     * @param responder what receives the outcome
     * @param interceptors the server's interceptors
     */
    ServerInvocation(ServerMethod method, ByteBuf arguments, PayloadFormat format, long timeoutMillis,
            Map<String, String> metadata, @Nullable SocketAddress caller, Responder responder,
            RpcInterceptorChain interceptors) {
        this.method = method;
        this.arguments = arguments;
        this.format = format;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.metadata = metadata;
        this.caller = caller;
        this.responder = responder;
        this.interceptors = interceptors;
    }

    /**
     * Returns the descriptor of the called method.
     * @return the descriptor
     */
    public MethodDescriptor descriptor() {
        return this.method.descriptor();
    }

    @Override
    public void run() {
        boolean answersLater = false;
        try {
            if (!begin()) {
                return;
            }
            if (hasDeadline() && System.nanoTime() - this.deadlineNanos > 0) {
                error(RpcStatus.DEADLINE_EXCEEDED, "the deadline passed before the call started");
                return;
            }
            Object result;
            try (RpcContext.Scope scope = RpcContext
                .attach(new RpcContext(this.deadlineNanos, hasDeadline(), this.metadata))) {
                result = this.interceptors.isEmpty() ? readArgumentsAndInvoke()
                        : this.interceptors.invoke(newCall(), this::readArgumentsAndInvoke);
            }
            catch (Throwable ex) {
                if (ex == this.methodFailure || ex instanceof RpcException) {
                    fail(ex);
                }
                else {
                    logger.error("A server interceptor failed the call to {} from {}", descriptor(), this.caller, ex);
                    error(RpcStatus.INTERNAL, "the call to " + descriptor() + " failed in a server interceptor");
                }
                return;
            }
            if (descriptor().isAsynchronous()) {
                answersLater = answerWhenComplete(result);
            }
            else {
                succeed(result);
            }
        }
        finally {
            releaseArguments();
            end();
            if (!answersLater) {
                this.responder.onFinished();
            }
        }
    }

    /**
     * Returns the metadata to send with the response: what server interceptors added.
     * @return the response metadata
     */
    public Map<String, String> responseMetadata() {
        RpcCall call = this.call;
        return (call != null) ? call.responseMetadata() : Map.of();
    }

    private RpcCall newCall() {
        RpcCall created = new RpcCall(RpcCall.Side.SERVER, descriptor().serviceName(), descriptor().method(),
                this.metadata, new LinkedHashMap<>(), this.caller);
        this.call = created;
        return created;
    }

    private @Nullable Object readArgumentsAndInvoke() throws Throwable {
        Object[] arguments;
        try {
            arguments = descriptor().readArguments(this.arguments, this.format);
        }
        catch (IllegalArgumentException ex) {
            logger.debug("Invalid arguments for {} from {}: {}", descriptor(), this.caller, ex.getMessage());
            throw new RpcException(RpcStatus.INVALID_ARGUMENT, String.valueOf(ex.getMessage()));
        }
        finally {
            releaseArguments();
        }
        try {
            return this.method.invoke(arguments);
        }
        catch (Throwable ex) {
            this.methodFailure = ex;
            throw ex;
        }
    }

    private void releaseArguments() {
        if (!this.argumentsReleased) {
            this.argumentsReleased = true;
            this.arguments.release();
        }
    }

    /**
     * Cancels the call: a call not yet started never runs, a running one is interrupted, the future
     * of an asynchronous one is cancelled, and no outcome reaches the responder (it is still told
     * when the call is finished).
     */
    public synchronized void cancel() {
        this.cancelled = true;
        if (this.runner != null) {
            this.runner.interrupt();
        }
        if (this.pendingResult != null) {
            this.pendingResult.cancel(true);
        }
    }

    private synchronized boolean begin() {
        if (this.cancelled) {
            return false;
        }
        this.runner = Thread.currentThread();
        return true;
    }

    private synchronized void end() {
        this.runner = null;
        Thread.interrupted(); // a cancel that came late must not reach the pool's next task
    }

    private boolean answerWhenComplete(@Nullable Object result) {
        if (!(result instanceof CompletionStage<?> stage)) {
            fail(new IllegalStateException(descriptor() + " returned null instead of a future"));
            return false;
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        synchronized (this) {
            this.pendingResult = future;
            if (this.cancelled) {
                future.cancel(true); // the cancel came while the method was returning its future
            }
        }
        future.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    fail(unwrap(failure));
                }
                else {
                    succeed(value);
                }
            }
            finally {
                this.responder.onFinished();
            }
        });
        return true;
    }

    private void succeed(@Nullable Object result) {
        if (!isCancelled()) {
            this.responder.onResult(result);
        }
    }

    private void error(RpcStatus status, @Nullable String message) {
        if (!isCancelled()) {
            this.responder.onError(status, new ErrorPayload(message, null, null));
        }
    }

    private void fail(Throwable failure) {
        if (isCancelled()) {
            return;
        }
        if (failure instanceof RpcException rpcException) {
            error(rpcException.getStatus(), rpcException.getDescription());
            return;
        }
        Class<? extends Throwable> declared = descriptor().declaredTypeOf(failure);
        ErrorPayload error;
        if (declared != null) {
            String message = (failure.getClass() == declared) ? failure.getMessage()
                    : failure.getClass().getName() + ": " + failure.getMessage();
            error = new ErrorPayload(message, declared.getName(), failure.getClass().getName());
            logger.debug("{} threw declared {} for a call from {}", descriptor(), failure.getClass().getName(),
                    this.caller);
        }
        else {
            error = new ErrorPayload(failure.getClass().getName() + ": " + failure.getMessage(), null,
                    failure.getClass().getName());
            logger.warn("{} failed with APPLICATION_ERROR (undeclared {}) for a call from {}", descriptor(),
                    failure.getClass().getName(), this.caller, failure);
        }
        this.responder.onError(RpcStatus.APPLICATION_ERROR, error);
    }

    private synchronized boolean isCancelled() {
        return this.cancelled;
    }

    private boolean hasDeadline() {
        return this.timeoutMillis > 0;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Receives the outcome of an invocation and answers the caller in the transport's terms. Its
     * methods are called on the thread that ran the call or completed its future, never on an event
     * loop by the invocation itself.
     */
    public interface Responder {

        /**
         * The method returned (for an asynchronous method, its future completed) normally.
         * @param result the result, {@code null} for {@code void} methods
         */
        void onResult(@Nullable Object result);

        /**
         * The call failed: its deadline had passed, its arguments could not be read, or the method
         * threw. A declared exception comes as {@link RpcStatus#APPLICATION_ERROR} with
         * {@link ErrorPayload#exception()} set.
         * @param status the status of the failure, never {@link RpcStatus#OK}
         * @param error the details to send
         */
        void onError(RpcStatus status, ErrorPayload error);

        /**
         * The call is over, answered or cancelled; called once, last.
         */
        void onFinished();

    }

}
