package io.rpcboot.internal.server.http;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.MethodShape;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.server.CallDispatcher;
import io.rpcboot.internal.server.ServerInvocation;

/**
 * Serves one request of a connection: {@code GET /} and {@code GET /openapi.json} with
 * the service descriptions, {@code POST} to a method's path by starting its call, and
 * anything else, or a request the server cannot take, with the error answer of its
 * {@link HttpFailure}.
 */
final class HttpRequestRouter {

    // under the connection's name, where users look for what happens to its requests
    private static final Logger logger = LoggerFactory.getLogger(HttpConnection.class);

    private static final byte[] NO_ARGUMENTS = { '[', ']' };

    private static final String ROOT = "/";

    private static final String OPEN_API = "/openapi.json";

    private final HttpConnection connection;

    private final HttpTransport transport;

    private final DescriptionRequests descriptions;

    private final HttpCallAnswers answers;

    private final HttpStreamWriter streams;

    HttpRequestRouter(HttpConnection connection, HttpTransport transport) {
        this.connection = connection;
        this.transport = transport;
        this.descriptions = new DescriptionRequests(connection, transport);
        this.answers = new HttpCallAnswers(connection, transport);
        this.streams = new HttpStreamWriter(connection, transport);
    }

    /**
     * Serves a request, or answers why it is refused; on the event loop.
     * @param request the request, released by the caller
     */
    void serve(FullHttpRequest request) {
        try {
            route(request);
        }
        catch (HttpFailure failure) {
            logger.debug("Refused {} {} from {}: {} {}", request.method(), request.uri(),
                    this.connection.context().channel().remoteAddress(), failure.httpStatus(), failure.getMessage());
            this.connection.respond(
                    HttpResponses.error(this.connection.context().alloc(), this.transport.mapper(),
                            request.protocolVersion(), failure),
                    HttpUtil.isKeepAlive(request) && !failure.closesConnection());
        }
    }

    /**
     * Answers a request whose body is over the server's limit with {@code 413}; on the
     * event loop.
     * @param oversized the request
     */
    void refuse(RequestAggregator.Oversized oversized) {
        HttpFailure failure = HttpErrors.tooLarge(oversized, this.transport.maxContentLength());
        ChannelHandlerContext ctx = this.connection.context();
        logger.debug("Refused a request from {}: {}", ctx.channel().remoteAddress(), failure.getMessage());
        this.connection.respond(HttpResponses.error(ctx.alloc(), this.transport.mapper(), oversized.version(), failure),
                !oversized.closesConnection());
    }

    private void route(FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            throw HttpErrors.malformed(decoded.cause());
        }
        if (this.transport.dispatcher().isDraining()) {
            throw HttpErrors.shuttingDown();
        }
        String path = pathOf(request.uri());
        boolean root = ROOT.equals(path);
        if (root || OPEN_API.equals(path)) {
            if (!HttpMethod.GET.equals(request.method())) {
                throw HttpFailure.methodNotAllowed(request.method().name(), "GET");
            }
            this.descriptions.describe(request, root ? this.transport::description : this.transport::openApi);
            return;
        }
        HttpRoutes.Target target = this.transport.routes().find(path);
        if (!HttpMethod.POST.equals(request.method())) {
            throw HttpFailure.methodNotAllowed(request.method().name(), "POST");
        }
        HttpHeaders headers = request.headers();
        HttpErrors.requireJson(headers.get(HttpHeaderNames.CONTENT_TYPE));
        long timeoutMillis = RequestHeaders.timeoutMillis(headers);
        Map<String, String> metadata = RequestHeaders.metadata(headers);
        ByteBuf body = request.content();
        CallDispatcher.Method method = target.choose(body, this.transport.mapper());
        HttpCall call = new HttpCall(this.answers, method.descriptor(), request.protocolVersion(),
                HttpUtil.isKeepAlive(request), timeoutMillis);
        MethodShape shape = method.descriptor().shape();
        if (shape.streamsResults()) {
            CallDispatcher dispatcher = this.transport.dispatcher();
            call.streamResults(this.streams, acceptsOnlyEvents(headers.get(HttpHeaderNames.ACCEPT)),
                    dispatcher.streamRequests(method, this.connection.context().channel().eventLoop()),
                    dispatcher.streamWindow());
        }
        if (shape.streamsParameter() && body.isReadable()) {
            call.streamParameter(body.retainedDuplicate(), this.transport.elementReader(method.descriptor()));
        }
        call(method, body.isReadable() ? body.retain() : Unpooled.wrappedBuffer(NO_ARGUMENTS), call, metadata);
    }

    private void call(CallDispatcher.Method method, ByteBuf arguments, HttpCall call, Map<String, String> metadata) {
        ChannelHandlerContext ctx = this.connection.context();
        this.connection.serving(call);
        ServerInvocation invocation = this.transport.dispatcher()
            .dispatch(method, arguments, PayloadFormat.JSON, call.timeoutMillis(), metadata,
                    ctx.channel().remoteAddress(), this.connection.tlsSession(), call);
        if (invocation == null) {
            this.connection.serving(null);
            call.releaseStreamBody();
            if (this.transport.dispatcher().isDraining()) {
                throw HttpErrors.shuttingDown();
            }
            throw HttpFailure.of(RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the call");
        }
        // the call is its own deadline timer's task: the invocation answers
        // DEADLINE_EXCEEDED through it
        call.started(invocation, (call.timeoutMillis() > 0)
                ? ctx.executor().schedule(call, call.timeoutMillis(), TimeUnit.MILLISECONDS) : null);
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

}
