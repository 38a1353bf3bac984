package io.rpcboot.internal.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.InboundStream;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * The streams of one stream call of the binary protocol: the client's stream parameter,
 * read from MESSAGE frames and granted with CREDIT frames as the implementation asks for
 * elements (its subscriber runs on the call executor, or on the event loop for a method
 * that runs there), and the result stream, written as MESSAGE frames as the client grants
 * credit. Created on the connection's event loop when the call is accepted; loaded only
 * for streaming methods.
 */
final class ServerStreams implements InboundStream.Peer, OutboundStream.Sink {

    private static final VarHandle AWAITING_WRITABLE;

    static {
        try {
            AWAITING_WRITABLE = MethodHandles.lookup()
                .findVarHandle(ServerStreams.class, "awaitingWritable", boolean.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ServerConnection connection;

    private final int id;

    private final MethodDescriptor descriptor;

    private final PayloadFormat responseFormat;

    private final @Nullable InboundStream arguments;

    private final @Nullable OutboundStream results;

    /** Whether the result stream is queued to resume when the connection is writable. */
    // read through AWAITING_WRITABLE
    @SuppressWarnings("UnusedVariable")
    private volatile boolean awaitingWritable;

    ServerStreams(ServerConnection connection, int id, MethodDescriptor descriptor, PayloadFormat responseFormat,
            Executor requests, boolean onEventLoop, int window) {
        this.connection = connection;
        this.id = id;
        this.descriptor = descriptor;
        this.responseFormat = responseFormat;
        this.arguments = descriptor.shape().streamsParameter()
                ? new InboundStream(window, true, this, onEventLoop ? null : requests) : null;
        this.results = descriptor.shape().streamsResults() ? new OutboundStream(requests, this) : null;
    }

    /**
     * Returns the publisher of the client's stream, for the implementation.
     * @return the publisher, {@code null} when the method takes no stream
     */
    @Nullable Object arguments() {
        return this.arguments;
    }

    /**
     * Returns the sending end of the result stream.
     * @return the stream, {@code null} when the method returns no stream
     */
    @Nullable OutboundStream results() {
        return this.results;
    }

    /** A MESSAGE of the client's stream arrived; on the event loop. */
    void message(Frame.Message message) {
        ByteBuf payload = message.payload();
        try {
            InboundStream stream = this.arguments;
            if (stream == null) {
                return; // the method takes no stream: nothing to read
            }
            if (message.endOfStream()) {
                stream.onEnd();
                return;
            }
            Object element;
            try {
                element = this.descriptor.readParameterElement(payload, message.format());
            }
            catch (RuntimeException ex) {
                stream.onError(new RpcException(RpcStatus.INVALID_ARGUMENT,
                        "an element of the stream of " + this.descriptor + " is not readable: " + ex.getMessage()));
                cancel();
                return;
            }
            stream.onMessage(element);
        }
        finally {
            payload.release();
        }
    }

    /** The client granted result messages; on the event loop. */
    void credit(Frame.Credit credit) {
        OutboundStream stream = this.results;
        if (stream != null && credit.count() > 0) {
            stream.grant(credit.count());
        }
    }

    /**
     * Marks the result stream as waiting for the connection to be writable.
     * @return whether it was not already
     */
    boolean startAwaitingWritable() {
        return AWAITING_WRITABLE.compareAndSet(this, false, true);
    }

    /** The connection is writable again; on the event loop. */
    void resume() {
        this.awaitingWritable = false;
        OutboundStream stream = this.results;
        if (stream != null) {
            stream.resume();
        }
    }

    /** The call ended or was cancelled: the implementation's subscriber hears of it. */
    void cancelled(String reason) {
        InboundStream stream = this.arguments;
        if (stream != null) {
            stream.onError(new RpcException(RpcStatus.CANCELLED, reason));
        }
    }

    long sent() {
        OutboundStream stream = this.results;
        return (stream != null) ? stream.sent() : 0;
    }

    long received() {
        InboundStream stream = this.arguments;
        return (stream != null) ? stream.received() : 0;
    }

    @Override
    public void credit(long count) {
        this.connection.writeFrame(FrameCodec.credit(this.connection.alloc(), this.id, count));
    }

    /** The implementation cancelled its subscription to the client's stream. */
    @Override
    public void cancel() {
        this.connection.writeFrame(FrameCodec.cancel(this.connection.alloc(), this.id));
    }

    @Override
    public void element(@Nullable Object element) {
        ByteBuf frame = FrameCodec.beginMessage(this.connection.alloc(), this.id, this.responseFormat);
        try {
            this.descriptor.writeResultElement(frame, element, this.responseFormat);
            FrameCodec.finish(frame);
        }
        catch (RuntimeException ex) {
            frame.release();
            throw new RpcException(RpcStatus.INTERNAL,
                    "an element of the stream of " + this.descriptor + " could not be serialized: " + ex.getMessage(),
                    ex);
        }
        int length = FrameCodec.frameLength(frame);
        if (length > this.connection.peerMaxMessageSize()) {
            frame.release();
            throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "a stream message of " + length
                    + " bytes is over the client's limit of " + this.connection.peerMaxMessageSize() + " bytes");
        }
        this.connection.writeFrame(frame);
    }

    @Override
    public boolean writable() {
        return this.connection.writableOrResume(this);
    }

}
