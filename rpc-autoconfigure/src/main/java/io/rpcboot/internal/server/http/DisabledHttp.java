package io.rpcboot.internal.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.internal.server.ConnectionProtocol;

/**
 * HTTP on a server whose HTTP is disabled: such connections are closed unanswered, with a
 * DEBUG line that names the property, rather than the WARN of a connection that speaks no
 * known protocol.
 */
final class DisabledHttp implements ConnectionProtocol {

    private static final Logger logger = LoggerFactory.getLogger(DisabledHttp.class);

    @Override
    public Recognition recognise(ByteBuf firstBytes) {
        return HttpMethods.recognise(firstBytes);
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public @Nullable String install(ChannelPipeline pipeline) {
        logger.debug("Closing connection from {}: it speaks HTTP, which is disabled (rpc.server.http.enabled=false)",
                pipeline.channel().remoteAddress());
        pipeline.addLast(new Discard());
        pipeline.channel().close();
        return null;
    }

    @Override
    public byte @Nullable [] refusal(String reason) {
        return null;
    }

    /** Releases what arrives before the close completes. */
    private static final class Discard extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

    }

}
