package io.rpcboot.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcInterceptorChain;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.ErrorPayload;
import io.rpcboot.protocol.FrameCodec;
import io.rpcboot.protocol.MethodDescriptor;
import io.rpcboot.protocol.PayloadCodec;
import io.rpcboot.protocol.PayloadFormat;
import io.rpcboot.protocol.ResponseFrame;

/**
 * One method of a client proxy, built once: sends a call, waits for its answer within the deadline,
 * and turns the answer into a result or the exception the caller expects.
 */
final class ClientMethod {

    private static final long WAIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final MethodDescriptor descriptor;

    private final byte[] serviceName;

    private final RemoteService service;

    private final long timeoutNanos;

    private final PayloadCodec codec;

    private final DeclaredExceptions declaredExceptions;

    private final Executor callbackExecutor;

    private final RpcInterceptorChain interceptors;

    ClientMethod(MethodDescriptor descriptor, byte[] serviceName, RemoteService service, long timeoutNanos,
            PayloadCodec codec, Executor callbackExecutor, RpcInterceptorChain interceptors) {
        this.descriptor = descriptor;
        this.serviceName = serviceName;
        this.service = service;
        this.timeoutNanos = timeoutNanos;
        this.codec = codec;
        this.declaredExceptions = new DeclaredExceptions(descriptor.declaredExceptions());
        this.callbackExecutor = callbackExecutor;
        this.interceptors = interceptors;
    }

    @Nullable Object invoke(Object @Nullable [] arguments) throws Throwable {
        long timeout = effectiveTimeoutNanos();
        Map<String, String> metadata = RpcMetadata.outgoing();
        if (this.interceptors.isEmpty()) {
            return call(arguments, timeout, metadata, null);
        }
        RpcCall call = new RpcCall(RpcCall.Side.CLIENT, this.descriptor.serviceName(), this.descriptor.method(),
                new LinkedHashMap<>(metadata), new LinkedHashMap<>(), null);
        try {
            return this.interceptors.invoke(call, () -> call(arguments, timeout, call.requestMetadata(), call));
        }
        catch (RpcException ex) {
            throw ex;
        }
        catch (Throwable ex) {
            if (this.descriptor.declaredTypeOf(ex) != null) {
                throw ex;
            }
            throw new RpcException(RpcStatus.INTERNAL,
                    "a client interceptor failed the call to " + this.descriptor + ": " + ex, ex);
        }
    }

    private @Nullable Object call(Object @Nullable [] arguments, long timeout, Map<String, String> metadata,
            @Nullable RpcCall call) throws Throwable {
        if (this.descriptor.isAsynchronous()) {
            return invokeAsync(arguments, timeout, metadata, call);
        }
        long deadline = System.nanoTime() + timeout;
        ClientConnection connection = awaitConnection(deadline);
        PendingCall pending = send(connection, arguments, deadline - System.nanoTime(), timeout, metadata);
        return decode(awaitResponse(pending, deadline), call);
    }

    private CompletableFuture<Object> invokeAsync(Object @Nullable [] arguments, long timeout,
            Map<String, String> metadata, @Nullable RpcCall rpcCall) {
        long deadline = System.nanoTime() + timeout;
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletableFuture<ClientConnection> connecting = this.service.connection();
        if (!connecting.isDone()) {
            // the call's deadline also bounds the wait for a connection
            connecting = connecting.copy().orTimeout(timeout, TimeUnit.NANOSECONDS);
        }
        connecting.whenComplete((connection, failure) -> {
            if (failure instanceof TimeoutException
                    || (failure instanceof CompletionException && failure.getCause() instanceof TimeoutException)) {
                result.completeExceptionally(new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                        "no connection to service '" + this.service.config().name() + "' within the deadline of "
                                + this.descriptor));
                return;
            }
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            PendingCall call;
            try {
                call = send(connection, arguments, deadline - System.nanoTime(), timeout, metadata);
            }
            catch (RuntimeException ex) {
                result.completeExceptionally(ex);
                return;
            }
            result.whenComplete((value, resultFailure) -> {
                if (result.isCancelled()) {
                    call.abandon(RpcStatus.CANCELLED, "the caller cancelled the call to " + this.descriptor);
                }
            });
            call.whenCompleteAsync((response, callFailure) -> {
                if (callFailure != null) {
                    result.completeExceptionally(unwrap(callFailure));
                    return;
                }
                try {
                    result.complete(decode(response, rpcCall));
                }
                catch (Throwable ex) {
                    result.completeExceptionally(ex);
                }
            }, this.callbackExecutor);
        });
        return result;
    }

    private long effectiveTimeoutNanos() {
        RpcContext context = RpcContext.current();
        if (context == null || !context.hasDeadline()) {
            return this.timeoutNanos;
        }
        long inherited = context.deadlineNanos() - System.nanoTime();
        if (inherited <= 0) {
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                    "the deadline of the call being served passed before calling " + this.descriptor);
        }
        return Math.min(inherited, this.timeoutNanos);
    }

    private ClientConnection awaitConnection(long deadline) {
        CompletableFuture<ClientConnection> connection = this.service.connection();
        try {
            ClientConnection ready = connection.getNow(null);
            if (ready != null) {
                return ready;
            }
            return connection.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (CompletionException ex) {
            throw unwrap(ex); // the attempt had already failed, e.g. connection refused
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcStatus.CANCELLED, "interrupted while connecting for " + this.descriptor);
        }
        catch (ExecutionException ex) {
            throw unwrap(ex);
        }
        catch (TimeoutException ex) {
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                    "no connection to service '" + this.service.config().name() + "' within the deadline of "
                            + this.descriptor);
        }
    }

    private PendingCall send(ClientConnection connection, Object @Nullable [] arguments, long remainingNanos,
            long timeoutNanos, Map<String, String> metadata) {
        if (remainingNanos <= 0) {
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED, "the deadline passed before " + this.descriptor
                    + " was sent");
        }
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
        if (!metadata.isEmpty()) {
            requireMetadataWithinLimit(metadata);
        }
        PayloadFormat format = connection.payloadFormat();
        ByteBuf frame = FrameCodec.beginRequest(connection.alloc(), this.serviceName, this.descriptor.keyBytes(),
                timeoutMillis, metadata, format);
        try {
            this.descriptor.writeArguments(frame, arguments, format);
        }
        catch (RuntimeException ex) {
            frame.release();
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    "the arguments of " + this.descriptor + " could not be serialized: " + ex.getMessage(), ex);
        }
        FrameCodec.finish(frame);
        int length = FrameCodec.frameLength(frame);
        if (length > connection.peerMaxMessageSize()) {
            frame.release();
            throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "the request to " + this.descriptor + " of " + length
                    + " bytes is over the server's limit of " + connection.peerMaxMessageSize() + " bytes");
        }
        return connection.send(frame, new PendingCall(connection, this.descriptor, remainingNanos, timeoutNanos));
    }

    private ResponseFrame awaitResponse(PendingCall call, long deadline) {
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()) + WAIT_GRACE_NANOS, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            call.abandon(RpcStatus.CANCELLED, "interrupted while waiting for " + this.descriptor);
            throw new RpcException(RpcStatus.CANCELLED, "interrupted while waiting for " + this.descriptor);
        }
        catch (ExecutionException ex) {
            throw unwrap(ex);
        }
        catch (TimeoutException ex) {
            call.abandon(RpcStatus.DEADLINE_EXCEEDED, "no answer from " + this.descriptor);
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED, "no answer from " + this.descriptor);
        }
    }

    private void requireMetadataWithinLimit(Map<String, String> metadata) {
        try {
            RpcMetadata.requireWithinLimit(metadata);
        }
        catch (IllegalArgumentException ex) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    "the call to " + this.descriptor + " was not sent: " + ex.getMessage());
        }
    }

    private @Nullable Object decode(ResponseFrame response, @Nullable RpcCall call) throws Throwable {
        ByteBuf payload = response.payload();
        if (call != null && !response.metadata().isEmpty()) {
            call.responseMetadata().putAll(response.metadata());
        }
        try {
            if (response.status() == RpcStatus.OK) {
                return readResult(payload, response.format());
            }
            throw toException(response.status(), this.codec.readError(payload, response.format()));
        }
        finally {
            payload.release();
        }
    }

    private @Nullable Object readResult(ByteBuf payload, PayloadFormat format) {
        try {
            return this.descriptor.readResult(payload, format);
        }
        catch (JacksonException ex) {
            throw new RpcException(RpcStatus.INTERNAL,
                    "the result of " + this.descriptor + " could not be read: " + ex.getOriginalMessage(), ex);
        }
        catch (RuntimeException ex) {
            // a deserializer of the application that throws its own exception for a value it refuses
            throw new RpcException(RpcStatus.INTERNAL,
                    "the result of " + this.descriptor + " could not be read: " + ex, ex);
        }
    }

    private Throwable toException(RpcStatus status, ErrorPayload error) {
        if (error.exception() != null) {
            Throwable declared = this.declaredExceptions.create(error.exception(), error.message());
            if (declared != null) {
                return declared;
            }
        }
        return new RpcException(status, (error.message() != null) ? error.message() : status.name());
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RpcException rpcException) {
            return rpcException;
        }
        return new RpcException(RpcStatus.INTERNAL, String.valueOf(cause.getMessage()), cause);
    }

}
