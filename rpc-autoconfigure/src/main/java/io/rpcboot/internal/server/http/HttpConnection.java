package io.rpcboot.internal.server.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.MethodShape;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.server.CallDispatcher;
import io.rpcboot.internal.server.CloseWhenIdle;
import io.rpcboot.internal.server.OpenStreams;
import io.rpcboot.internal.server.ServerInvocation;
import io.rpcboot.internal.server.TlsSessions;

/**
 * One HTTP connection on the server. Serves its requests one at a time, in the order they
 * arrived, so that pipelined requests get their responses in order: requests that arrive
 * while one is running wait in a queue, and the connection stops reading until the queue
 * is served. It also stops reading, and serving what waits, while its unsent answers are
 * over the channel's write-buffer high water mark, until they drain below the low one.
 * Calls run on the server's executor; their answers come back to the event loop, which is
 * the only thread that touches this handler's state.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements OpenStreams {

    private static final Logger logger = LoggerFactory.getLogger(HttpConnection.class);

    private static final byte[] NO_ARGUMENTS = { '[', ']' };

    private static final String ROOT = "/";

    private static final String OPEN_API = "/openapi.json";

    private final HttpTransport transport;

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
        this.transport = transport;
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
     * Closes the connection after an error of the channel or its codecs. A reset, or a
     * client that went away in the middle of a request, is logged in one line at
     * {@code DEBUG}; anything else in one line at {@code WARN}, its stack trace at
     * {@code DEBUG}; errors after the connection began to close only at {@code DEBUG}.
     * The exception goes no further.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (this.closing) {
            logger.debug("HTTP connection from {} already closing: {}", remote, cause.toString());
            return;
        }
        if (isPeerGone(cause)) {
            logger.debug("Closing HTTP connection from {}: {}", remote, cause.toString());
        }
        else {
            logger.warn("Closing HTTP connection from {} after an error: {}", remote, cause.toString());
            logger.debug("The error that closed the HTTP connection from {}", remote, cause);
        }
        this.closing = true;
        releaseWaiting();
        ctx.close();
    }

    private static boolean isPeerGone(Throwable cause) {
        return cause instanceof IOException || cause instanceof PrematureChannelClosureException;
    }

    /**
     * Takes the answer of a call; from any thread.
     * @param call the call
     * @param response its answer
     */
    void complete(HttpCall call, FullHttpResponse response) {
        try {
            context().channel().eventLoop().execute(() -> {
                if (call != this.current) {
                    response.release(); // its deadline passed, or the connection closed
                    return;
                }
                this.current = null;
                call.answered();
                respond(response, call.keepAlive());
            });
        }
        catch (RejectedExecutionException ex) {
            response.release(); // the server has stopped
        }
    }

    /**
     * Takes the failure of a call whose answer could not be made (no memory for it); from
     * any thread. The connection closes: its client would otherwise wait for that answer
     * forever.
     * @param call the call
     * @param cause why its answer could not be made
     */
    void answerFailed(HttpCall call, Throwable cause) {
        try {
            context().channel().eventLoop().execute(() -> {
                if (call == this.current) {
                    this.current = null;
                    call.answered();
                    abort("the answer to " + call + " could not be made", cause);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // the server has stopped, and with it the connection
        }
    }

    EventLoop eventLoop() {
        return context().channel().eventLoop();
    }

    void flush() {
        context().flush();
    }

    /**
     * Writes an element of a call's result stream, serialized as its chunk, without
     * flushing, after the response's head for the first one; dropped when the call is
     * over; on the event loop.
     * @param call the call
     * @param chunk the element's chunk
     */
    void writeElement(HttpCall call, ByteBuf chunk) {
        HttpResultStream stream = call.results();
        if (call != this.current || this.closing || stream == null) {
            chunk.release();
            return;
        }
        ChannelHandlerContext ctx = context();
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
            context().channel().eventLoop().execute(() -> {
                HttpResultStream stream = call.results();
                if (call != this.current || stream == null) {
                    return; // the connection closed, or the call was cancelled
                }
                stream.writeChunks(); // the last elements, when their task comes after
                                      // this one
                this.current = null;
                call.answered();
                try {
                    endStream(call, stream, status, error);
                }
                catch (RuntimeException | OutOfMemoryError ex) {
                    abort("the end of the stream of " + call + " could not be written", ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // the server has stopped, and with it the connection
        }
    }

    private void endStream(HttpCall call, HttpResultStream stream, @Nullable RpcStatus status,
            @Nullable ErrorPayload error) {
        ChannelHandlerContext ctx = context();
        if (!stream.begun()) {
            if (status == null || error == null) {
                HttpResponse head = stream.head(call.version(), call.keepAlive());
                if (head != null) {
                    HttpUtil.setTransferEncodingChunked(head, false);
                    HttpUtil.setContentLength(head, 0);
                    ctx.write(head);
                }
                finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
            }
            else {
                respond(errorResponse(call.version(), status, error), call.keepAlive());
            }
            return;
        }
        if (status == null || error == null) {
            finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
            return;
        }
        ByteBuf body = HttpResponses.errorObject(alloc(), this.transport.mapper(), status, error);
        ByteBuf chunk = stream.errorChunk(body);
        if (stream.events()) {
            ctx.write(new DefaultHttpContent(chunk));
            finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), call.keepAlive());
        }
        else {
            finish(ctx.writeAndFlush(new DefaultHttpContent(chunk)), false);
        }
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
     * An element of a call's result stream could not be written: the connection closes;
     * on the event loop.
     */
    void streamWriteFailed(HttpCall call, Throwable cause) {
        if (call == this.current) {
            abort("an element of the stream of " + call + " could not be written", cause);
        }
    }

    boolean isWritable() {
        return context().channel().isWritable();
    }

    FullHttpResponse errorResponse(HttpVersion version, RpcStatus status, ErrorPayload error) {
        FullHttpResponse response = HttpResponses.error(alloc(), this.transport.mapper(), version, status, error);
        HttpAuthentication authentication = this.transport.authentication();
        if (status == RpcStatus.UNAUTHENTICATED && authentication != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, authentication.challenge());
        }
        return response;
    }

    ByteBufAllocator alloc() {
        return context().alloc();
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
            refuseOversized(oversized);
        }
        else if (message instanceof FullHttpRequest request) {
            try {
                serve(request);
            }
            catch (HttpFailure failure) {
                logger.debug("Refused {} {} from {}: {} {}", request.method(), request.uri(),
                        context().channel().remoteAddress(), failure.httpStatus(), failure.getMessage());
                respond(HttpResponses.error(alloc(), this.transport.mapper(), request.protocolVersion(), failure),
                        HttpUtil.isKeepAlive(request) && !failure.closesConnection());
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

    private void serve(FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            throw malformed(decoded.cause());
        }
        if (this.transport.dispatcher().isDraining()) {
            throw shuttingDown();
        }
        String path = pathOf(request.uri());
        boolean root = ROOT.equals(path);
        if (root || OPEN_API.equals(path)) {
            if (!HttpMethod.GET.equals(request.method())) {
                throw HttpFailure.methodNotAllowed(request.method().name(), "GET");
            }
            describe(request, root ? this.transport::description : this.transport::openApi);
            return;
        }
        HttpRoutes.Target target = this.transport.routes().find(path);
        if (!HttpMethod.POST.equals(request.method())) {
            throw HttpFailure.methodNotAllowed(request.method().name(), "POST");
        }
        HttpHeaders headers = request.headers();
        requireJson(headers.get(HttpHeaderNames.CONTENT_TYPE));
        long timeoutMillis = RequestHeaders.timeoutMillis(headers);
        Map<String, String> metadata = RequestHeaders.metadata(headers);
        ByteBuf body = request.content();
        CallDispatcher.Method method = target.choose(body, this.transport.mapper());
        HttpCall call = new HttpCall(this, method.descriptor(), request.protocolVersion(),
                HttpUtil.isKeepAlive(request), timeoutMillis);
        MethodShape shape = method.descriptor().shape();
        if (shape.streamsResults()) {
            CallDispatcher dispatcher = this.transport.dispatcher();
            call.streamResults(acceptsOnlyEvents(headers.get(HttpHeaderNames.ACCEPT)),
                    dispatcher.streamRequests(method, context().channel().eventLoop()), dispatcher.streamWindow());
        }
        if (shape.streamsParameter() && body.isReadable()) {
            call.streamParameter(body.retainedDuplicate(), this.transport.elementReader(method.descriptor()));
        }
        call(method, body.isReadable() ? body.retain() : Unpooled.wrappedBuffer(NO_ARGUMENTS), call, metadata);
    }

    /**
     * Returns whether a request's {@code Accept} header names {@code text/event-stream}
     * and nothing else.
     */
    static boolean acceptsOnlyEvents(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        int start = 0;
        while (start <= accept.length()) {
            int comma = accept.indexOf(',', start);
            int end = (comma >= 0) ? comma : accept.length();
            int parameters = accept.indexOf(';', start);
            int typeEnd = (parameters >= 0 && parameters < end) ? parameters : end;
            String type = accept.substring(start, typeEnd).trim();
            if (!type.equalsIgnoreCase("text/event-stream")) {
                return false;
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
        return true;
    }

    /**
     * Answers {@code GET /} and {@code GET /openapi.json}: at once when the server
     * authenticates nobody, else after the server's authentication accepted the caller,
     * which runs on the server's executor (checking credentials may be slow) and hands
     * the answer back to the event loop.
     */
    private void describe(FullHttpRequest request, Supplier<byte[]> document) {
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpAuthentication authentication = this.transport.authentication();
        if (authentication == null) {
            respond(HttpResponses.json(version, Unpooled.wrappedBuffer(document.get())), keepAlive);
            return;
        }
        Map<String, String> metadata = RequestHeaders.metadata(request.headers());
        Channel channel = context().channel();
        boolean accepted = this.transport.dispatcher().execute(() -> {
            FullHttpResponse response = checkedDescription(authentication, metadata, version, document);
            try {
                channel.eventLoop().execute(() -> {
                    if (this.closing) {
                        response.release();
                        return;
                    }
                    respond(response, keepAlive);
                });
            }
            catch (RejectedExecutionException ex) {
                response.release(); // the server has stopped
            }
        });
        if (!accepted) {
            throw HttpFailure.of(RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the request");
        }
    }

    private FullHttpResponse checkedDescription(HttpAuthentication authentication, Map<String, String> metadata,
            HttpVersion version, Supplier<byte[]> document) {
        try {
            authentication.checkDescription(metadata);
            return HttpResponses.json(version, Unpooled.wrappedBuffer(document.get()));
        }
        catch (RpcException ex) {
            return errorResponse(version, ex.getStatus(), new ErrorPayload(ex.getDescription(), null, null));
        }
        catch (RuntimeException ex) {
            logger.error("Checking the caller of a service description from {} failed", remoteAddress(), ex);
            return errorResponse(version, RpcStatus.INTERNAL,
                    new ErrorPayload("checking the caller of the service description failed", null, null));
        }
    }

    private void call(CallDispatcher.Method method, ByteBuf arguments, HttpCall call, Map<String, String> metadata) {
        ChannelHandlerContext ctx = context();
        this.current = call;
        ServerInvocation invocation = this.transport.dispatcher()
            .dispatch(method, arguments, PayloadFormat.JSON, call.timeoutMillis(), metadata,
                    ctx.channel().remoteAddress(), this.tlsSession, call);
        if (invocation == null) {
            this.current = null;
            call.releaseStreamBody();
            if (this.transport.dispatcher().isDraining()) {
                throw shuttingDown();
            }
            throw HttpFailure.of(RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the call");
        }
        // the call is its own deadline timer's task: the invocation answers
        // DEADLINE_EXCEEDED through it
        call.started(invocation, (call.timeoutMillis() > 0)
                ? ctx.executor().schedule(call, call.timeoutMillis(), TimeUnit.MILLISECONDS) : null);
    }

    private static HttpFailure shuttingDown() {
        return HttpFailure.of(RpcStatus.UNAVAILABLE, "the server is shutting down; the call was not run")
            .closingConnection();
    }

    private void refuseOversized(RequestAggregator.Oversized oversized) {
        String size = (oversized.contentLength() >= 0) ? "of " + oversized.contentLength() + " bytes " : "";
        HttpFailure failure = HttpFailure.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, RpcStatus.RESOURCE_EXHAUSTED,
                "the request body " + size + "is over the server's limit of " + this.transport.maxContentLength()
                        + " bytes");
        logger.debug("Refused a request from {}: {}", context().channel().remoteAddress(), failure.getMessage());
        respond(HttpResponses.error(alloc(), this.transport.mapper(), oversized.version(), failure),
                !oversized.closesConnection());
    }

    private void respond(FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        finish(context().writeAndFlush(response), keepAlive);
    }

    /**
     * Goes on after the end of an answer was written: with the next request, or by
     * closing the connection.
     */
    private void finish(ChannelFuture written, boolean keepAlive) {
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
     * as no memory for an answer: one line in the log, the calls and requests it holds
     * given up.
     */
    private void abort(String what, Throwable cause) {
        if (this.closing) {
            logger.debug("HTTP connection from {} already closing: {}: {}", remoteAddress(), what, cause.toString());
            return;
        }
        this.closing = true;
        if (isPeerGone(cause)) {
            logger.debug("Closing HTTP connection from {}: {}: {}", remoteAddress(), what, cause.toString());
        }
        else {
            logger.warn("Closing HTTP connection from {}: {}: {}", remoteAddress(), what, cause.toString());
            logger.debug("The failure that closed the HTTP connection from {}", remoteAddress(), cause);
        }
        HttpCall call = this.current;
        if (call != null) {
            this.current = null;
            call.cancel();
        }
        releaseWaiting();
        context().close();
    }

    private @Nullable SocketAddress remoteAddress() {
        return context().channel().remoteAddress();
    }

    private void releaseWaiting() {
        Object message;
        while ((message = this.waiting.poll()) != null) {
            ReferenceCountUtil.release(message);
        }
    }

    private ChannelHandlerContext context() {
        ChannelHandlerContext ctx = this.context;
        if (ctx == null) {
            throw new IllegalStateException("not added to a pipeline yet");
        }
        return ctx;
    }

    private static String pathOf(String uri) {
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return uri.substring(0, end);
    }

    private static void requireJson(@Nullable String contentType) {
        if (contentType == null) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "calls need Content-Type: application/json");
        }
        CharSequence mimeType = HttpUtil.getMimeType(contentType);
        if (mimeType == null || !AsciiString.contentEqualsIgnoreCase(mimeType, HttpHeaderValues.APPLICATION_JSON)) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "calls need Content-Type: application/json, not " + contentType);
        }
        CharSequence charset = HttpUtil.getCharsetAsSequence(contentType);
        if (charset != null && !AsciiString.contentEqualsIgnoreCase(charset, "utf-8")) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "JSON must be UTF-8, not " + charset);
        }
    }

    private static HttpFailure malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpFailure
                .of(HttpResponseStatus.REQUEST_URI_TOO_LONG, RpcStatus.RESOURCE_EXHAUSTED,
                        "the request line is too long: " + cause.getMessage())
                .closingConnection();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpFailure
                .of(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, RpcStatus.RESOURCE_EXHAUSTED,
                        "the request headers are too large: " + cause.getMessage())
                .closingConnection();
        }
        return HttpFailure
            .of(HttpResponseStatus.BAD_REQUEST, RpcStatus.INVALID_ARGUMENT,
                    "malformed HTTP request: " + cause.getMessage())
            .closingConnection();
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

}
