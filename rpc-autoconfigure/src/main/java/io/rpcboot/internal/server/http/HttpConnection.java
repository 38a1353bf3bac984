package io.rpcboot.internal.server.http;

import java.util.ArrayDeque;

import javax.net.ssl.SSLSession;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.server.CloseWhenIdle;
import io.rpcboot.internal.server.OpenStreams;
import io.rpcboot.internal.server.TlsSessions;

/**
 * One HTTP connection on the server. Serves its requests one at a time, in the order they
 * arrived, so that pipelined requests get their responses in order: requests that arrive
 * while one is running wait in a queue, and the connection stops reading until the queue
 * is served. It also stops reading, and serving what waits, while its unsent answers are
 * over the channel's write-buffer high water mark, until they drain below the low one.
 * Calls run on the server's executor; their answers come back to the event loop, which is
 * the only thread that touches this handler's state. What a request is answered with is
 * decided by its {@link HttpRequestRouter}.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements OpenStreams {

    private final HttpRequestRouter router;

    private final ArrayDeque<Object> waiting = new ArrayDeque<>(2);

    private @Nullable ChannelHandlerContext context;

    private @Nullable HttpCall current;

    private boolean busy;

    private boolean serving;

    private boolean closing;

    private final ChannelFutureListener answerWritten = this::answerWritten;

    /**
     * The connection's TLS session, known when the handler is added: after the handshake.
     */
    private @Nullable SSLSession tlsSession;

    HttpConnection(HttpTransport transport) {
        this.router = new HttpRequestRouter(this, transport);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.tlsSession = TlsSessions.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (this.closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        this.waiting.add(msg);
        serveWaiting();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpCall call = this.current;
        HttpResultStream stream = (call != null) ? call.results() : null;
        if (stream != null && ctx.channel().isWritable()) {
            stream.resume();
        }
        if (!this.closing) {
            serveWaiting();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        this.closing = true;
        HttpCall call = this.current;
        if (call != null) {
            this.current = null;
            call.cancel();
        }
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    /**
     * Closes the connection after an error of the channel or its codecs, logged by
     * {@link HttpCloseLog}. The exception goes no further.
     */
    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpCloseLog.error(ctx.channel().remoteAddress(), this.closing, cause);
        if (this.closing) {
            return;
        }
        this.closing = true;
        releaseWaiting();
        ctx.close();
    }

    /**
     * Ends the result stream of the call being served, if any, with {@code UNAVAILABLE}:
     * the server's shutdown grace period is over.
     */
    @Override
    public void endStreams(String message) {
        HttpCall call = this.current;
        if (call != null && call.results() != null) {
            call.abort(RpcStatus.UNAVAILABLE, message);
        }
    }

    /**
     * Closes the connection on the connection guard's {@link CloseWhenIdle} when no
     * request is being served.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof CloseWhenIdle close)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!this.busy && !this.closing && this.waiting.isEmpty()) {
            this.closing = true;
            close.closeAfterWrites(ctx);
        }
    }

    /**
     * Serves the waiting requests in turn while the connection can take their answers,
     * then reads on only when nothing waits and the answers written so far are below the
     * high water mark of the channel's write buffer: a client that sends without reading
     * holds back its own requests, not the server's memory.
     */
    private void serveWaiting() {
        if (this.serving) {
            return; // an answer given while serving: the loop below goes on
        }
        this.serving = true;
        Channel channel = context().channel();
        try {
            while (!this.busy && !this.closing && channel.isWritable()) {
                Object next = this.waiting.poll();
                if (next == null) {
                    break;
                }
                this.busy = true;
                try {
                    serve(next);
                }
                catch (RuntimeException | OutOfMemoryError ex) {
                    abort("a request could not be answered", ex);
                }
            }
        }
        finally {
            this.serving = false;
        }
        if (!this.closing) {
            channel.config().setAutoRead(this.waiting.isEmpty() && channel.isWritable());
        }
    }

    private void serve(Object message) {
        if (message instanceof RequestAggregator.Oversized oversized) {
            this.router.refuse(oversized);
        }
        else if (message instanceof FullHttpRequest request) {
            try {
                this.router.serve(request);
            }
            finally {
                request.release();
            }
        }
        else {
            ReferenceCountUtil.release(message);
            this.busy = false;
        }
    }

    /**
     * Records the call being served, or that none is; on the event loop.
     * @param call the call, {@code null} when it was refused
     */
    void serving(@Nullable HttpCall call) {
        this.current = call;
    }

    /**
     * Returns whether a call is the one being served: it was neither answered nor given
     * up; on the event loop.
     * @param call the call
     * @return whether its answer is still wanted
     */
    boolean isServing(HttpCall call) {
        return call == this.current;
    }

    /**
     * Records that the call being served has its answer; on the event loop.
     * @param call the call
     */
    void answered(HttpCall call) {
        this.current = null;
        call.answered();
    }

    boolean isClosing() {
        return this.closing;
    }

    @Nullable SSLSession tlsSession() {
        return this.tlsSession;
    }

    /**
     * Writes a whole answer, then goes on as {@link #finish} does; on the event loop.
     * @param response the answer
     * @param keepAlive whether the connection stays open after it
     */
    void respond(FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        finish(context().writeAndFlush(response), keepAlive);
    }

    /**
     * Goes on after the end of an answer was written: with the next request, or by
     * closing the connection; on the event loop.
     * @param written the write of the answer's end
     * @param keepAlive whether the connection stays open after it
     */
    void finish(ChannelFuture written, boolean keepAlive) {
        written.addListener(this.answerWritten);
        if (!keepAlive) {
            this.closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
        }
        this.busy = false;
        serveWaiting();
    }

    private void answerWritten(ChannelFuture written) {
        if (!written.isSuccess()) {
            abort("an answer could not be written", written.cause());
        }
    }

    /**
     * Closes the connection after a failure that leaves it unable to answer in turn, such
     * as no memory for an answer: one line in the log ({@link HttpCloseLog}), the calls
     * and requests it holds given up; on the event loop.
     * @param what what failed
     * @param cause why
     */
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    void abort(String what, Throwable cause) {
        HttpCloseLog.failure(context().channel().remoteAddress(), this.closing, what, cause);
        if (this.closing) {
            return;
        }
        this.closing = true;
        HttpCall call = this.current;
        if (call != null) {
            this.current = null;
            call.cancel();
        }
        releaseWaiting();
        context().close();
    }

    private void releaseWaiting() {
        Object message;
        while ((message = this.waiting.poll()) != null) {
            ReferenceCountUtil.release(message);
        }
    }

    ChannelHandlerContext context() {
        ChannelHandlerContext ctx = this.context;
        if (ctx == null) {
            throw new IllegalStateException("not added to a pipeline yet");
        }
        return ctx;
    }

}
