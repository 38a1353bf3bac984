package io.rpcboot.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.ErrorPayload;
import io.rpcboot.protocol.FrameCodec;
import io.rpcboot.protocol.MethodDescriptor;
import io.rpcboot.protocol.RequestFrame;

/**
 * One call being served: reads the arguments, runs the method with the call's context, and writes the
 * response. Runs on the server's executor; a cancel from the caller interrupts it.
 */
final class ServerCall implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(ServerCall.class);

    private final ServerConnection connection;

    private final ServerMethod method;

    private final RequestFrame request;

    private final long deadlineNanos;

    private @Nullable Thread runner;

    private @Nullable CompletableFuture<?> pendingResult;

    private boolean cancelled;

    ServerCall(ServerConnection connection, ServerMethod method, RequestFrame request) {
        this.connection = connection;
        this.method = method;
        this.request = request;
        this.deadlineNanos = System.nanoTime() + request.timeoutMillis() * 1_000_000L;
    }

    @Override
    public void run() {
        boolean answersLater = false;
        try {
            if (!begin()) {
                return;
            }
            if (hasDeadline() && System.nanoTime() - this.deadlineNanos > 0) {
                this.connection.respondError(this.request.id(), RpcStatus.DEADLINE_EXCEEDED,
                        "the deadline passed before the call started");
                return;
            }
            Object[] arguments = readArguments();
            if (arguments == null) {
                return;
            }
            Object result;
            try (RpcContext.Scope scope = RpcContext.attach(
                    new RpcContext(this.deadlineNanos, hasDeadline(), this.request.metadata()))) {
                result = this.method.invoke(arguments);
            }
            catch (Throwable ex) {
                respondFailure(ex);
                return;
            }
            if (descriptor().isAsynchronous()) {
                answersLater = answerWhenComplete(result);
            }
            else {
                respondResult(result);
            }
        }
        finally {
            end();
            if (!answersLater) {
                this.connection.finished(this.request.id());
            }
        }
    }

    private synchronized boolean begin() {
        if (this.cancelled) {
            this.request.payload().release();
            return false;
        }
        this.runner = Thread.currentThread();
        return true;
    }

    private synchronized void end() {
        this.runner = null;
        Thread.interrupted(); // a cancel that came late must not reach the pool's next task
    }

    synchronized void cancel() {
        this.cancelled = true;
        if (this.runner != null) {
            this.runner.interrupt();
        }
        if (this.pendingResult != null) {
            this.pendingResult.cancel(true);
        }
    }

    private Object @Nullable [] readArguments() {
        ByteBuf payload = this.request.payload();
        try {
            return descriptor().readArguments(payload);
        }
        catch (IllegalArgumentException ex) {
            logger.debug("Invalid arguments for {} from {}: {}", descriptor(), this.connection.remoteAddress(),
                    ex.getMessage());
            this.connection.respondError(this.request.id(), RpcStatus.INVALID_ARGUMENT, ex.getMessage());
            return null;
        }
        finally {
            payload.release();
        }
    }

    private boolean answerWhenComplete(@Nullable Object result) {
        if (!(result instanceof CompletionStage<?> stage)) {
            respondFailure(new IllegalStateException(descriptor() + " returned null instead of a future"));
            return false;
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        synchronized (this) {
            this.pendingResult = future;
        }
        future.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    respondFailure(unwrap(failure));
                }
                else {
                    respondResult(value);
                }
            }
            finally {
                this.connection.finished(this.request.id());
            }
        });
        return true;
    }

    private void respondResult(@Nullable Object result) {
        if (isCancelled()) {
            return;
        }
        ByteBuf frame = FrameCodec.beginResponse(this.connection.alloc(), this.request.id(), RpcStatus.OK,
                java.util.Map.of());
        try {
            descriptor().writeResult(frame, result);
        }
        catch (RuntimeException ex) {
            frame.release();
            logger.error("The result of {} could not be serialized", descriptor(), ex);
            this.connection.respondError(this.request.id(), RpcStatus.INTERNAL,
                    "the result of " + descriptor() + " could not be serialized");
            return;
        }
        FrameCodec.finish(frame);
        int length = FrameCodec.frameLength(frame);
        if (length > this.connection.peerMaxMessageSize()) {
            frame.release();
            this.connection.respondError(this.request.id(), RpcStatus.RESOURCE_EXHAUSTED, "the response of " + length
                    + " bytes is over the client's limit of " + this.connection.peerMaxMessageSize() + " bytes");
            return;
        }
        this.connection.respond(frame);
    }

    private void respondFailure(Throwable failure) {
        if (isCancelled()) {
            return;
        }
        if (failure instanceof RpcException rpcException) {
            this.connection.respondError(this.request.id(), rpcException.getStatus(), rpcException.getDescription());
            return;
        }
        Class<? extends Throwable> declared = descriptor().declaredTypeOf(failure);
        ErrorPayload error;
        if (declared != null) {
            String message = (failure.getClass() == declared) ? failure.getMessage()
                    : failure.getClass().getName() + ": " + failure.getMessage();
            error = new ErrorPayload(message, declared.getName(), failure.getClass().getName());
            logger.debug("{} threw declared {}", descriptor(), failure.getClass().getName());
        }
        else {
            error = new ErrorPayload(failure.getClass().getName() + ": " + failure.getMessage(), null,
                    failure.getClass().getName());
            logger.warn("{} failed for a call from {}", descriptor(), this.connection.remoteAddress(), failure);
        }
        ByteBuf frame = FrameCodec.beginResponse(this.connection.alloc(), this.request.id(),
                RpcStatus.APPLICATION_ERROR, java.util.Map.of());
        this.connection.server().codec().writeError(frame, error);
        this.connection.respond(FrameCodec.finish(frame));
    }

    private synchronized boolean isCancelled() {
        return this.cancelled;
    }

    private boolean hasDeadline() {
        return this.request.timeoutMillis() > 0;
    }

    private MethodDescriptor descriptor() {
        return this.method.descriptor();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

}
