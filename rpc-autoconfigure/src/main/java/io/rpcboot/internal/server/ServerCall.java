package io.rpcboot.internal.server;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.RequestFrame;
import io.rpcboot.internal.protocol.ResponseEncoder;

/**
 * One call of the binary protocol being served: holds the {@link ServerInvocation} of the
 * requested method (which runs on the server's executor; a cancel from the caller
 * interrupts it) and writes its outcome as a response frame, in a format the client
 * reads. It is also the task of the call's deadline timer, on the connection's event
 * loop: when the deadline passes first, the caller is answered {@code DEADLINE_EXCEEDED}
 * at once.
 */
final class ServerCall implements Runnable, ServerInvocation.Responder {

    private static final Logger logger = LoggerFactory.getLogger(ServerCall.class);

    private final ServerConnection connection;

    private final RequestFrame request;

    private final PayloadFormat responseFormat;

    private final ServerInvocation invocation;

    private @Nullable ScheduledFuture<?> deadline;

    private @Nullable ServerStreams streams;

    /**
     * Whether a response was queued; written by the thread that answered, read by the one
     * that finishes the call (the same, or after the invocation's state settled).
     */
    private volatile boolean answered;

    /**
     * Creates a call; its deadline starts now.
     * @param connection the connection it came on
     * @param method the method it calls
     * @param request the request
     * @param responseFormat the format of its answers: one the client announced it reads
     */
    ServerCall(ServerConnection connection, ServerMethod method, RequestFrame request, PayloadFormat responseFormat) {
        this.connection = connection;
        this.request = request;
        this.responseFormat = responseFormat;
        this.invocation = new ServerInvocation(method, request.payload(), request.format(), request.timeoutMillis(),
                request.metadata(), connection.remoteAddress(), connection.tlsSession(), this, connection.server());
    }

    /**
     * Opens the streams of a stream call; on the event loop, before the call is
     * dispatched.
     * @param loop the connection's event loop
     * @param window the most messages of the client's stream granted and not yet read
     */
    void openStreams(Executor loop, int window) {
        boolean onEventLoop = this.invocation.runsOnEventLoop();
        Executor requests = onEventLoop ? loop : this.connection.server().executor();
        this.streams = new ServerStreams(this.connection, this.request.id(), descriptor(), this.responseFormat,
                requests, onEventLoop, window);
    }

    /**
     * Returns the streams of a stream call.
     * @return the streams, {@code null} for a call that does not stream
     */
    @Nullable ServerStreams streams() {
        return this.streams;
    }

    @Override
    public long messagesReceived() {
        ServerStreams open = this.streams;
        return (open != null) ? open.received() : 0;
    }

    @Override
    public @Nullable Object streamArgument() {
        ServerStreams open = this.streams;
        return (open != null) ? open.arguments() : null;
    }

    @Override
    public io.rpcboot.internal.protocol.@Nullable OutboundStream resultStream() {
        ServerStreams open = this.streams;
        return (open != null) ? open.results() : null;
    }

    /**
     * Returns what runs the call, on the server's executor or, for a method that asks for
     * it, on the event loop.
     * @return the invocation
     */
    ServerInvocation invocation() {
        return this.invocation;
    }

    /**
     * Starts the timer of the call's deadline, if it has one; on the connection's event
     * loop, before the call is dispatched, so that the call's end always finds the timer
     * to stop.
     * @param loop the connection's event loop
     */
    void startDeadline(EventExecutor loop) {
        long timeoutMillis = this.invocation.timeoutMillis();
        if (timeoutMillis > 0) {
            this.deadline = loop.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The deadline passed: answers {@code DEADLINE_EXCEEDED} unless the call already has
     * its outcome.
     */
    @Override
    public void run() {
        this.invocation.deadlinePassed();
    }

    void cancel() {
        this.invocation.cancel();
        ServerStreams open = this.streams;
        if (open != null) {
            open.cancelled("the call to " + descriptor() + " was cancelled");
        }
    }

    /**
     * Ends a stream call that still runs with an error (the server is shutting down).
     * @param status the status
     * @param message why
     */
    void abort(RpcStatus status, String message) {
        this.invocation.abort(status, message);
    }

    @Override
    public void onResult(@Nullable Object result) {
        this.answered = true;
        ResponseEncoder encoder = this.connection.encoder();
        ByteBuf frame = null;
        try {
            frame = encoder.begin(this.connection.alloc(), this.request.id(), RpcStatus.OK,
                    this.invocation.responseMetadata(), this.responseFormat);
            descriptor().writeResult(frame, result, this.responseFormat);
            encoder.finish(frame);
        }
        catch (RuntimeException ex) {
            release(frame);
            logger.error("The result of {} could not be serialized", descriptor(), ex);
            this.connection.respondError(this.request.id(), RpcStatus.INTERNAL,
                    "the result of " + descriptor() + " could not be serialized");
            return;
        }
        catch (Throwable ex) {
            release(frame);
            this.connection.responseFailed(this.request.id(), descriptor(), ex);
            return;
        }
        if (!encoder.fits(frame, this.connection.peerMaxMessageSize())) {
            int length = FrameCodec.frameLength(frame);
            frame.release();
            this.connection.respondError(this.request.id(), RpcStatus.RESOURCE_EXHAUSTED, "the response of " + length
                    + " bytes is over the client's limit of " + this.connection.peerMaxMessageSize() + " bytes");
            return;
        }
        this.connection.respond(frame);
    }

    @Override
    public void onError(RpcStatus status, ErrorPayload error) {
        this.answered = true;
        ByteBuf frame;
        try {
            frame = this.connection.encoder()
                .error(this.connection.alloc(), this.request.id(), status, this.invocation.responseMetadata(), error,
                        this.responseFormat, this.connection.peerMaxMessageSize());
        }
        catch (Throwable ex) {
            this.connection.responseFailed(this.request.id(), descriptor(), ex);
            return;
        }
        this.connection.respond(frame);
    }

    private static void release(@Nullable ByteBuf frame) {
        if (frame != null) {
            frame.release();
        }
    }

    @Override
    public void onFinished() {
        stopDeadline();
        ServerStreams open = this.streams;
        if (open != null) {
            open.cancelled("the call to " + descriptor() + " ended");
        }
        this.connection.finished(this.request.id(), this.answered);
    }

    /** Stops the deadline's timer: the call is over, or was never dispatched. */
    void stopDeadline() {
        ScheduledFuture<?> deadline = this.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private MethodDescriptor descriptor() {
        return this.invocation.descriptor();
    }

}
