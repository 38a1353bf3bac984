package io.rpcboot.internal.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * Netty's {@link HttpObjectAggregator}, except that a request over the size limit is not
 * answered here but passed on as {@link Oversized}, so that its {@code 413} takes its
 * turn among pipelined requests and has a JSON body like every other answer. As in
 * Netty's aggregator, a request whose {@code Content-Length} is over the limit is refused
 * before any of its body is read (the body is then skipped), and a body that grows over
 * the limit is never buffered beyond it. The connection stays open after the refusal only
 * when the request was keep-alive, announced its length and did not ask for
 * {@code 100-continue}: otherwise the rest of the body cannot be told apart from the next
 * request.
 */
final class RequestAggregator extends HttpObjectAggregator {

    /**
     * Creates an aggregator.
     * @param maxContentLength the largest body accepted, in bytes
     */
    RequestAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected @Nullable Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && isContentLengthInvalid(start, maxContentLength)) {
            return null; // refused by handleOversizedMessage instead, in turn
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = request instanceof FullHttpMessage || HttpUtil.is100ContinueExpected(request)
                || !HttpUtil.isKeepAlive(request);
        ctx.fireChannelRead(new Oversized(request.protocolVersion(), contentLength(request), close));
    }

    private static long contentLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * A request whose body is over the limit, in place of the request.
     *
     * @param version the request's HTTP version
     * @param contentLength the length it announced, {@code -1} when it did not
     * @param closesConnection whether the connection must close after the answer
     */
    record Oversized(HttpVersion version, long contentLength, boolean closesConnection) {
    }

}
