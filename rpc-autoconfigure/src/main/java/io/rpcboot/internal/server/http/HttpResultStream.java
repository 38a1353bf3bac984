package io.rpcboot.internal.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.OutboundStream;
import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * The result stream of one HTTP call: each element is serialized on the thread that
 * produced it as one line of {@code application/x-ndjson}, or as one {@code data:} event
 * of {@code text/event-stream}, and queued; the event loop writes the chunks queued, one
 * task and one flush for all that came meanwhile (at once, when the producer runs on the
 * event loop). Elements are requested from the implementation's publisher a window at a
 * time, the window refilled as elements reach the socket, and only while the channel is
 * writable: a client that reads slowly holds the producer back. Loaded only for methods
 * that stream their results.
 */
final class HttpResultStream implements OutboundStream.Sink {

    /** The media type of a stream of JSON values, one a line. */
    static final AsciiString NDJSON = AsciiString.cached("application/x-ndjson");

    /** The media type of server-sent events. */
    static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream");

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] ERROR_EVENT = "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] LINE_END = { '\n' };

    private static final byte[] EVENT_END = { '\n', '\n' };

    private static final AsciiString X_CONTENT_TYPE_OPTIONS = AsciiString.cached("x-content-type-options");

    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

    private final HttpStreamWriter writer;

    private final HttpCall call;

    private final MethodDescriptor method;

    private final boolean events;

    private final OutboundStream outbound;

    private final int refill;

    private final ChannelFutureListener elementWritten = this::elementWritten;

    /** Chunks serialized and not yet written. */
    private final Queue<ByteBuf> chunks = new ConcurrentLinkedQueue<>();

    /** Whether a task that writes the chunks is queued on the event loop. */
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final Runnable writeChunks = this::writeChunks;

    // event loop only
    private boolean headSent;

    private int writtenSinceRefill;

    HttpResultStream(HttpStreamWriter writer, HttpCall call, MethodDescriptor method, boolean events, Executor requests,
            int window) {
        this.writer = writer;
        this.call = call;
        this.method = method;
        this.events = events;
        this.outbound = new OutboundStream(requests, this);
        this.refill = Math.max(1, window / 2);
        this.outbound.grant(window);
    }

    OutboundStream outbound() {
        return this.outbound;
    }

    /**
     * Returns whether the client asked for server-sent events.
     * @return {@code true} for {@code text/event-stream}, {@code false} for NDJSON
     */
    boolean events() {
        return this.events;
    }

    @Override
    public void element(@Nullable Object element) {
        ByteBuf chunk = this.writer.alloc().buffer();
        try {
            if (this.events) {
                chunk.writeBytes(DATA);
            }
            this.method.writeResultElement(chunk, element, PayloadFormat.JSON);
            chunk.writeBytes(this.events ? EVENT_END : LINE_END);
        }
        catch (RuntimeException ex) {
            chunk.release();
            throw new RpcException(RpcStatus.INTERNAL,
                    "an element of the stream of " + this.method + " could not be serialized: " + ex.getMessage(), ex);
        }
        this.chunks.add(chunk);
        EventLoop loop = this.writer.eventLoop();
        if (loop.inEventLoop()) {
            writeChunks();
        }
        else if (this.scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this.writeChunks);
            }
            catch (RejectedExecutionException ex) {
                releaseChunks();
                throw new RpcException(RpcStatus.UNAVAILABLE, "the server has stopped");
            }
        }
    }

    /**
     * Writes the chunks queued, in order, with one flush; on the event loop, also before
     * the stream's end is written.
     */
    void writeChunks() {
        this.scheduled.set(false); // a chunk queued from now on schedules a task again
        ByteBuf chunk = this.chunks.poll();
        if (chunk == null) {
            return;
        }
        do {
            this.writer.writeElement(this.call, chunk);
            chunk = this.chunks.poll();
        }
        while (chunk != null);
        this.writer.flush();
    }

    private void releaseChunks() {
        ByteBuf chunk;
        while ((chunk = this.chunks.poll()) != null) {
            chunk.release();
        }
    }

    @Override
    public boolean writable() {
        return this.writer.isWritable();
    }

    /**
     * Returns the head of the response, once; on the event loop.
     * @param version the request's HTTP version
     * @param keepAlive whether the connection stays open after the stream
     * @return the head, {@code null} when it was sent already
     */
    @Nullable HttpResponse head(HttpVersion version, boolean keepAlive) {
        if (this.headSent) {
            return null;
        }
        this.headSent = true;
        HttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        head.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, this.events ? EVENT_STREAM : NDJSON)
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
            .set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        if (version.isKeepAliveDefault()) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        HttpUtil.setKeepAlive(head, keepAlive);
        return head;
    }

    /**
     * Returns whether the head of the response was sent; on the event loop.
     * @return whether the response began
     */
    boolean begun() {
        return this.headSent;
    }

    /**
     * Frames the error that ends a stream already begun: a last line of NDJSON, or an
     * {@code error} event.
     * @param body the JSON error object
     * @return the chunk
     */
    ByteBuf errorChunk(ByteBuf body) {
        if (!this.events) {
            return body.writeBytes(LINE_END);
        }
        try {
            ByteBuf chunk = body.alloc().buffer(ERROR_EVENT.length + body.readableBytes() + EVENT_END.length);
            return chunk.writeBytes(ERROR_EVENT).writeBytes(body).writeBytes(EVENT_END);
        }
        finally {
            body.release();
        }
    }

    /**
     * Ends the stream; from any thread.
     * @param status the failure's status, {@code null} when the stream completed
     * @param error the failure's details, {@code null} when the stream completed
     * @see HttpStreamWriter#endStream
     */
    void end(@Nullable RpcStatus status, @Nullable ErrorPayload error) {
        this.writer.endStream(this.call, status, error);
    }

    ChannelFutureListener elementWritten() {
        return this.elementWritten;
    }

    /** The connection became writable again: requests what the window allows. */
    void resume() {
        this.outbound.resume();
    }

    /**
     * An element reached the socket: the window is refilled in batches of half of it.
     */
    private void elementWritten(ChannelFuture written) {
        if (!written.isSuccess()) {
            this.writer.elementFailed(this.call, written.cause());
            return;
        }
        if (++this.writtenSinceRefill >= this.refill) {
            this.outbound.grant(this.writtenSinceRefill);
            this.writtenSinceRefill = 0;
        }
    }

}
