package io.rpcboot.internal.server.http;

import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;

/**
 * Writes the result streams of one connection's calls as chunked responses: the head
 * before the first element, each element as its chunk, and the end, with the stream's
 * error when it failed. What a call writes after it stopped being the one served (it was
 * cancelled, or the connection closed) is dropped.
 */
final class HttpStreamWriter {

    private final HttpConnection connection;

    private final HttpTransport transport;

    HttpStreamWriter(HttpConnection connection, HttpTransport transport) {
        this.connection = connection;
        this.transport = transport;
    }

    /**
     * Writes an element of a call's result stream, serialized as its chunk, without
     * flushing, after the response's head for the first one; dropped when the call is
     * over; on the event loop.
     * @param call the call
     * @param chunk the element's chunk
     */
    // writes on a channel complete in order: the listener on the write after the head
    // hears of both
    @SuppressWarnings("FutureReturnValueIgnored")
    void writeElement(HttpCall call, ByteBuf chunk) {
        HttpResultStream stream = call.results();
        if (!this.connection.isServing(call) || this.connection.isClosing() || stream == null) {
            chunk.release();
            return;
        }
        ChannelHandlerContext ctx = this.connection.context();
        HttpResponse head = stream.head(call.version(), call.keepAlive());
        if (head != null) {
            ctx.write(head);
        }
        ctx.write(new DefaultHttpContent(chunk)).addListener(stream.elementWritten());
    }

    /**
     * Ends a call's result stream; from any thread. A stream that has not begun is
     * answered as a unary call is: an empty {@code 200}, or the error response. One that
     * has begun ends with its last chunk, after an error event for server-sent events; an
     * NDJSON stream that failed ends with a last line holding the error object, and the
     * connection closes without the chunked body's end, so that no client takes it for a
     * complete stream.
     * @param call the call
     * @param status the failure's status, {@code null} when the stream completed
     * @param error the failure's details, {@code null} when the stream completed
     */
    void endStream(HttpCall call, @Nullable RpcStatus status, @Nullable ErrorPayload error) {
        try {
            eventLoop().execute(() -> {
                HttpResultStream stream = call.results();
                if (!this.connection.isServing(call) || stream == null) {
                    return; // the connection closed, or the call was cancelled
                }
                stream.writeChunks(); // the last elements, when their task comes after
                                      // this one
                this.connection.answered(call);
                try {
                    endStream(call, stream, status, error);
                }
                catch (RuntimeException | OutOfMemoryError ex) {
                    this.connection.abort("the end of the stream of " + call + " could not be written", ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // the server has stopped, and with it the connection
        }
    }

    // writes on a channel complete in order: the connection follows the last write of the
    // stream
    @SuppressWarnings("FutureReturnValueIgnored")
    private void endStream(HttpCall call, HttpResultStream stream, @Nullable RpcStatus status,
            @Nullable ErrorPayload error) {
        ChannelHandlerContext ctx = this.connection.context();
        if (!stream.begun()) {
            if (status == null || error == null) {
                HttpResponse head = stream.head(call.version(), call.keepAlive());
                if (head != null) {
                    HttpUtil.setTransferEncodingChunked(head, false);
                    HttpUtil.setContentLength(head, 0);
                    ctx.write(head);
                }
                this.connection.finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
            }
            else {
                this.connection.respond(HttpErrors.response(ctx.alloc(), this.transport, call.version(), status, error),
                        call.keepAlive());
            }
            return;
        }
        if (status == null || error == null) {
            this.connection.finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
            return;
        }
        ByteBuf body = HttpResponses.errorObject(ctx.alloc(), this.transport.mapper(), status, error);
        ByteBuf chunk = stream.errorChunk(body);
        if (stream.events()) {
            ctx.write(new DefaultHttpContent(chunk));
            this.connection.finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
        }
        else {
            this.connection.finish(ctx.writeAndFlush(new DefaultHttpContent(chunk)), false);
        }
    }

    /**
     * An element of a call's result stream could not be written: the connection closes;
     * on the event loop.
     * @param call the call
     * @param cause why the element could not be written
     */
    void elementFailed(HttpCall call, Throwable cause) {
        if (this.connection.isServing(call)) {
            this.connection.abort("an element of the stream of " + call + " could not be written", cause);
        }
    }

    EventLoop eventLoop() {
        return this.connection.context().channel().eventLoop();
    }

    void flush() {
        this.connection.context().flush();
    }

    boolean isWritable() {
        return this.connection.context().channel().isWritable();
    }

    ByteBufAllocator alloc() {
        return this.connection.context().alloc();
    }

}
