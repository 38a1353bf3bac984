package io.rpcboot.internal.server;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.RequestFrame;

/**
 * The first handler of an accepted connection: holds its handshake, message, idle and age
 * timers. It sees the raw bytes arrive; a {@link MessageTap} behind the protocol's
 * decoder tells it when a whole message went by. The hot path only updates fields; one
 * task per connection, scheduled on the connection's event loop every quarter of the
 * shortest timeout (as Netty's {@code IdleStateHandler} does), compares them with the
 * clock. All state is touched on the event loop only.
 */
final class ConnectionWatch extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionWatch.class);

    private final ServerOptions.ConnectionLimits limits;

    private final long tickNanos;

    private @Nullable ChannelHandlerContext context;

    private @Nullable ScheduledFuture<?> tick;

    private boolean binary;

    private boolean http;

    private long acceptedAt;

    private boolean handshakeDone;

    private long messagesRead;

    private boolean partial;

    private long partialSince;

    private long lastActivity;

    private int lastRequestId;

    private boolean aged;

    ConnectionWatch(ServerOptions.ConnectionLimits limits, long tickNanos) {
        this.limits = limits;
        this.tickNanos = tickNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.acceptedAt = System.nanoTime();
        this.lastActivity = this.acceptedAt;
        if (this.tickNanos > 0) {
            this.tick = ctx.executor()
                .scheduleAtFixedRate(this::check, this.tickNanos, this.tickNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTicking();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTicking();
    }

    /**
     * Passes bytes on and notes whether the protocol's decoder was left holding part of a
     * message: the bytes it did not consume stay readable in the buffer it was handed,
     * which this handler keeps alive until it has looked.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long messagesBefore = this.messagesRead;
        in.retain();
        try {
            ctx.fireChannelRead(in);
        }
        finally {
            boolean leftOver = in.isReadable();
            in.release();
            if (this.messagesRead != messagesBefore) {
                // a decoder that already held bytes copies new ones into its own buffer,
                // so a
                // message that completes there leaves nothing readable here: the start of
                // a next
                // message in that same read is then covered by the idle timeout only
                this.partial = leftOver;
                if (leftOver) {
                    this.partialSince = System.nanoTime();
                }
            }
            else if (!this.partial) {
                this.partial = true;
                this.partialSince = System.nanoTime();
            }
        }
    }

    /**
     * Returns the handler to add right behind the decoder of the protocol the connection
     * speaks.
     * @param binaryProtocol {@code true} for the binary protocol, {@code false} for HTTP
     * @return the handler
     */
    MessageTap tap(boolean binaryProtocol) {
        this.binary = binaryProtocol;
        this.http = !binaryProtocol;
        return new MessageTap(this);
    }

    /** A whole message left the protocol's decoder. */
    void messageRead(Object message) {
        this.messagesRead++;
        if (message instanceof RequestFrame request) {
            this.lastActivity = System.nanoTime();
            this.lastRequestId = request.id();
        }
        else if (message instanceof Frame.Settings) {
            this.handshakeDone = true;
        }
        else if (this.http) {
            this.handshakeDone = true;
            this.lastActivity = System.nanoTime();
        }
    }

    /** The protocol handler writes a message. */
    void messageWritten(Object message) {
        if (message instanceof ByteBuf frame) {
            if (frame.readableBytes() > FrameCodec.LENGTH_FIELD + 1
                    && frame.getByte(frame.readerIndex() + FrameCodec.LENGTH_FIELD) == FrameType.RESPONSE) {
                this.lastActivity = System.nanoTime();
            }
        }
        else if (message instanceof HttpResponse response) {
            this.lastActivity = System.nanoTime();
            if (this.aged) {
                HttpUtil.setKeepAlive(response, false);
            }
        }
    }

    private void check() {
        ChannelHandlerContext ctx = this.context;
        if (ctx == null || !ctx.channel().isActive()) {
            stopTicking();
            return;
        }
        long now = System.nanoTime();
        if (!this.handshakeDone && passed(now, this.acceptedAt, this.limits.handshakeTimeout().toNanos())) {
            logger.debug("Closing connection from {}: no handshake within {} (rpc.server.handshake-timeout)",
                    ctx.channel().remoteAddress(), this.limits.handshakeTimeout());
            close(ctx);
            return;
        }
        if (this.partial) {
            if (!ctx.channel().config().isAutoRead()) {
                this.partialSince = now; // the server is not reading: the peer cannot go
                                         // on
            }
            else if (passed(now, this.partialSince, this.limits.messageReadTimeout().toNanos())) {
                logger.debug(
                        "Closing connection from {}: a message did not arrive whole within {}"
                                + " (rpc.server.message-read-timeout)",
                        ctx.channel().remoteAddress(), this.limits.messageReadTimeout());
                goAwayAndClose(ctx,
                        "a message did not arrive whole within " + this.limits.messageReadTimeout().toMillis() + "ms");
                return;
            }
        }
        if (checkAge(ctx, now)) {
            return;
        }
        if (passed(now, this.lastActivity, this.limits.idleTimeout().toNanos())) {
            if (this.binary || this.http) {
                ctx.fireUserEventTriggered(CloseWhenIdle.IDLE_TIMEOUT);
            }
            else {
                close(ctx);
            }
        }
    }

    /** Acts on the connection's age; returns whether it closed the connection. */
    private boolean checkAge(ChannelHandlerContext ctx, long now) {
        Duration maxAge = this.limits.maxConnectionAge();
        if (maxAge == null || !passed(now, this.acceptedAt, maxAge.toNanos())) {
            return false;
        }
        if (!this.aged) {
            this.aged = true;
            logger.debug("Connection from {} reached its maximum age of {} (rpc.server.max-connection-age)",
                    ctx.channel().remoteAddress(), maxAge);
        }
        if (passed(now, this.acceptedAt, maxAge.toNanos() + this.limits.maxConnectionAgeGrace().toNanos())) {
            close(ctx);
            return true;
        }
        if (this.binary) {
            ctx.fireUserEventTriggered(CloseWhenIdle.MAX_CONNECTION_AGE);
        }
        return false; // an HTTP connection's next response says Connection: close
    }

    private void goAwayAndClose(ChannelHandlerContext ctx, String reason) {
        if (this.binary && this.handshakeDone) {
            ctx.writeAndFlush(FrameCodec.goAway(ctx.alloc(), this.lastRequestId, reason))
                .addListener(ChannelFutureListener.CLOSE);
        }
        else {
            close(ctx);
        }
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    private void close(ChannelHandlerContext ctx) {
        stopTicking();
        ctx.close();
    }

    private void stopTicking() {
        ScheduledFuture<?> scheduled = this.tick;
        if (scheduled != null) {
            this.tick = null;
            scheduled.cancel(false);
        }
    }

    /** Whether a timeout that is on ({@code > 0}) has passed since {@code since}. */
    private static boolean passed(long now, long since, long timeoutNanos) {
        return timeoutNanos > 0 && now - since >= timeoutNanos;
    }

}
