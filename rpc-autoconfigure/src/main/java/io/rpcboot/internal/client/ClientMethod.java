package io.rpcboot.internal.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.MetadataSize;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.InterceptedCall;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.MethodShape;
import io.rpcboot.internal.protocol.ReactorAdapters;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.RequestEncoder;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * One method of a client proxy, built once with its {@link ClientInvoker}: runs a call
 * through the client interceptors, encodes its request, and turns the answer into a
 * result or the exception the caller expects. How the caller waits (blocking or through a
 * future) is the invoker's.
 */
final class ClientMethod {

    private final MethodDescriptor descriptor;

    private final byte[] serviceName;

    private final String serviceLabel;

    private final Connections connections;

    private final long timeoutNanos;

    private final PayloadCodec codec;

    private final DeclaredExceptions declaredExceptions;

    private final RpcInterceptorChain interceptors;

    private final ClientInvoker invoker;

    private final boolean idempotent;

    private final Retries retries;

    private int streamWindow = ClientOptions.DEFAULT_STREAM_WINDOW;

    /**
     * Creates a method.
     * @param descriptor the method
     * @param serviceName the interface name as UTF-8 bytes, as requests carry it
     * @param serviceLabel the name of the logical service, for messages
     * @param connections where calls get their connection
     * @param timeoutNanos the method's timeout
     * @param codec the payload codec
     * @param callbacks where asynchronous results are completed and stream elements
     * delivered, off the event loops: the client's
     * @param interceptors the client interceptors
     * @param idempotent whether calling the method twice has the effect of calling it
     * once, so that it may be retried after failures that may have reached the server
     * @param retries what decides the retries of the service's calls
     */
    ClientMethod(MethodDescriptor descriptor, byte[] serviceName, String serviceLabel, Connections connections,
            long timeoutNanos, PayloadCodec codec, CallbackBatches callbacks, RpcInterceptorChain interceptors,
            boolean idempotent, Retries retries) {
        this.descriptor = descriptor;
        this.serviceName = serviceName;
        this.serviceLabel = serviceLabel;
        this.connections = connections;
        this.timeoutNanos = timeoutNanos;
        this.codec = codec;
        this.declaredExceptions = new DeclaredExceptions(descriptor.declaredExceptions());
        this.interceptors = interceptors;
        this.invoker = invokerOf(descriptor.shape(), callbacks);
        this.idempotent = idempotent;
        this.retries = retries;
    }

    private static ClientInvoker invokerOf(MethodShape shape, CallbackBatches callbacks) {
        return switch (shape) {
            case UNARY -> BlockingInvoker.INSTANCE;
            case FUTURE, MONO -> new FutureInvoker(callbacks);
            case RESULT_STREAM, BIDIRECTIONAL -> new StreamInvoker(true, callbacks);
            case PARAMETER_STREAM -> new StreamInvoker(false, callbacks);
        };
    }

    /**
     * Sets the most result messages granted to the server and not yet delivered to a
     * subscriber.
     * @param streamWindow the window, in messages
     * @return this method
     */
    ClientMethod streamWindow(int streamWindow) {
        this.streamWindow = streamWindow;
        return this;
    }

    int streamWindow() {
        return this.streamWindow;
    }

    RpcInterceptorChain interceptors() {
        return this.interceptors;
    }

    boolean isIdempotent() {
        return this.idempotent;
    }

    Retries retries() {
        return this.retries;
    }

    MethodDescriptor descriptor() {
        return this.descriptor;
    }

    String serviceLabel() {
        return this.serviceLabel;
    }

    /**
     * Returns the connection of an attempt.
     * @param retry the call's retry state, {@code null} on its first attempt
     * @return the connection, as {@link Connections#connection} returns it
     */
    CompletableFuture<ClientConnection> connection(@Nullable RetryState retry) {
        return this.connections.connection((retry != null) ? retry.tried : null);
    }

    @Nullable Object invoke(Object @Nullable [] arguments) throws Throwable {
        MethodShape shape = this.descriptor.shape();
        long timeout;
        try {
            timeout = effectiveTimeoutNanos();
        }
        catch (RpcException ex) {
            return (shape == MethodShape.MONO) ? ReactorAdapters.error(false, ex) : this.invoker.failed(ex);
        }
        Map<String, String> metadata = RpcMetadata.outgoing();
        if (shape == MethodShape.MONO) {
            // cold: the call (its interceptors included) starts when the Mono is
            // subscribed
            return ReactorAdapters.lazyMono(() -> (CompletableFuture<?>) invokeNow(arguments, timeout, metadata));
        }
        if (shape.isStreaming()) {
            // the interceptors run when the stream is subscribed
            return this.invoker.call(this, arguments, timeout, metadata, null);
        }
        return invokeWithInterceptors(arguments, timeout, metadata);
    }

    // the future is the call's result, which the caller receives
    @SuppressWarnings("FutureReturnValueIgnored")
    private @Nullable Object invokeNow(Object @Nullable [] arguments, long timeout, Map<String, String> metadata) {
        try {
            return invokeWithInterceptors(arguments, timeout, metadata);
        }
        catch (Throwable ex) {
            // the future invoker reports failures through its future; this is for safety
            return CompletableFuture.failedFuture(ex);
        }
    }

    private @Nullable Object invokeWithInterceptors(Object @Nullable [] arguments, long timeout,
            Map<String, String> metadata) throws Throwable {
        if (this.interceptors.isEmpty()) {
            return this.invoker.call(this, arguments, timeout, metadata, null);
        }
        RpcCall call = new InterceptedCall(RpcCall.Side.CLIENT, this.descriptor.serviceName(), this.descriptor.method(),
                new LinkedHashMap<>(metadata), new LinkedHashMap<>(), null);
        try {
            return this.interceptors.invoke(call,
                    () -> this.invoker.call(this, arguments, timeout, call.requestMetadata(), call));
        }
        catch (RpcException ex) {
            return this.invoker.failed(ex);
        }
        catch (Throwable ex) {
            if (this.descriptor.declaredTypeOf(ex) != null) {
                return this.invoker.failed(ex);
            }
            return this.invoker.failed(new RpcException(RpcStatus.INTERNAL,
                    "a client interceptor failed the call to " + this.descriptor + ": " + ex, ex));
        }
    }

    /**
     * Returns the call's timeout: the method's, or less when the call being served has
     * less time left; {@code 0} for none (a stream without {@code @RpcMethod(timeout)}).
     */
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
        return (this.timeoutNanos > 0) ? Math.min(inherited, this.timeoutNanos) : inherited;
    }

    ClientConnection awaitConnection(@Nullable RetryState retry, long deadline) {
        CompletableFuture<ClientConnection> connection = connection(retry);
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
                    "no connection to service '" + this.serviceLabel + "' within the deadline of " + this.descriptor);
        }
    }

    /**
     * Encodes a call's request for a connection; the caller then starts it on that
     * connection.
     * @throws RpcException when the call cannot be sent; nothing is left to release
     */
    ClientCall newCall(ClientConnection connection, Object @Nullable [] arguments, long remainingNanos,
            long timeoutNanos, Map<String, String> metadata) {
        RpcException refused = connection.refusal(this.descriptor);
        if (refused != null) {
            throw refused;
        }
        if (remainingNanos <= 0) {
            throw new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                    "the deadline passed before " + this.descriptor + " was sent");
        }
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
        if (!metadata.isEmpty()) {
            requireMetadataWithinLimit(metadata);
        }
        ByteBuf request = RequestEncoder.encode(connection.alloc(), this.serviceName, this.descriptor, timeoutMillis,
                metadata, arguments, connection.payloadFormat(), connection.peerMaxMessageSize());
        return new ClientCall(connection, this.descriptor, request, remainingNanos, timeoutNanos);
    }

    /**
     * Encodes the request of a stream call (flag STREAM, the stream parameter's slot
     * {@code null}); the caller then starts it on the connection.
     * @param timeoutNanos the call's timeout, {@code 0} for none
     * @throws RpcException when the call cannot be sent; nothing is left to release
     */
    ClientCall newStreamCall(ClientConnection connection, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata) {
        RpcException refused = connection.refusal(this.descriptor);
        if (refused != null) {
            throw refused;
        }
        long timeoutMillis = (timeoutNanos > 0) ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)) : 0;
        if (!metadata.isEmpty()) {
            requireMetadataWithinLimit(metadata);
        }
        ByteBuf request = RequestEncoder.encode(connection.alloc(), this.serviceName, this.descriptor, timeoutMillis,
                metadata, arguments, connection.payloadFormat(), connection.peerMaxMessageSize());
        return new ClientCall(connection, this.descriptor, FrameCodec.markStream(request), timeoutNanos, timeoutNanos);
    }

    private void requireMetadataWithinLimit(Map<String, String> metadata) {
        try {
            MetadataSize.requireWithinLimit(metadata);
        }
        catch (IllegalArgumentException ex) {
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    "the call to " + this.descriptor + " was not sent: " + ex.getMessage());
        }
    }

    /**
     * Turns an answer into the result or the exception the caller expects, and releases
     * its payload.
     */
    @Nullable Object decode(ResponseFrame response, @Nullable RpcCall call) throws Throwable {
        ByteBuf payload = response.payload();
        try {
            if (call != null && !response.metadata().isEmpty()) {
                call.responseMetadata().putAll(response.metadata());
            }
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
            // a deserializer of the application that throws its own exception for a value
            // it refuses
            throw new RpcException(RpcStatus.INTERNAL, "the result of " + this.descriptor + " could not be read: " + ex,
                    ex);
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

    static RpcException unwrap(Throwable failure) {
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
