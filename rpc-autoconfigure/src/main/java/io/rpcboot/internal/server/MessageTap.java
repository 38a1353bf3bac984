package io.rpcboot.internal.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Sits right behind a protocol's decoder and tells the connection's
 * {@link ConnectionWatch} about every whole message that goes by, inbound (frames, HTTP
 * requests) and outbound (responses).
 */
final class MessageTap extends ChannelDuplexHandler {

    private final ConnectionWatch watch;

    MessageTap(ConnectionWatch watch) {
        this.watch = watch;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        this.watch.messageRead(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    // the returned future is the caller's promise
    @SuppressWarnings("FutureReturnValueIgnored")
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        this.watch.messageWritten(msg);
        ctx.write(msg, promise);
    }

}
