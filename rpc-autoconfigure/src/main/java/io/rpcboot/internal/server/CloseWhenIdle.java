package io.rpcboot.internal.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The user event by which a server's connection guard asks a connection's protocol
 * handler to close the connection once no call is in flight on it. A binary connection is
 * told to go away first (a GO_AWAY frame carrying {@link #reason()}), so that the client
 * opens a new connection for its next call instead of failing it. The guard fires it
 * again while the connection stays open.
 */
public enum CloseWhenIdle {

    /**
     * No call and no request for {@code rpc.server.idle-timeout}: close if no call is in
     * flight.
     */
    IDLE_TIMEOUT("idle", false),

    /**
     * The connection reached {@code rpc.server.max-connection-age}: tell the client to go
     * away at once, and close when the calls in flight have finished.
     */
    MAX_CONNECTION_AGE("max connection age reached", true);

    private final String reason;

    private final boolean goAwayWhileBusy;

    CloseWhenIdle(String reason, boolean goAwayWhileBusy) {
        this.reason = reason;
        this.goAwayWhileBusy = goAwayWhileBusy;
    }

    /**
     * Returns why the connection is closed, as the GO_AWAY frame tells the client.
     * @return the reason
     */
    String reason() {
        return this.reason;
    }

    /**
     * Returns whether the client is told to go away while calls are still in flight.
     * @return {@code true} when the connection must drain, {@code false} when it closes
     * only if idle
     */
    boolean goAwayWhileBusy() {
        return this.goAwayWhileBusy;
    }

    /**
     * Closes a connection once everything written or queued to it so far has gone out, so
     * that the answer of the last call is not lost.
     * @param ctx the context of a handler of the connection
     */
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void closeAfterWrites(ChannelHandlerContext ctx) {
        ChannelHandlerContext first = ctx.pipeline().firstContext();
        ctx.executor().execute(() -> {
            if (first != null) {
                first.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            else {
                ctx.close();
            }
        });
    }

}
