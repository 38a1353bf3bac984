package io.rpcboot.internal.server;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's guard over its connections: counts them and refuses those over
 * {@code rpc.server.max-connections} with a clear close, and gives each accepted
 * connection a {@link ConnectionWatch} that holds its timeouts. A refused binary client
 * reads the server's preface and a GO_AWAY frame naming the limit; a refused HTTP client
 * reads a {@code 503} with a JSON error body and {@code Connection: close}. Refusals are
 * logged at WARN once per burst.
 */
final class ConnectionGuard {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionGuard.class);

    /**
     * How long a refused connection may take to show its protocol before it is closed
     * unanswered.
     */
    private static final long REFUSAL_WAIT_MILLIS = 1000;

    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ServerOptions.ConnectionLimits limits;

    private final long tickNanos;

    private final AtomicInteger open = new AtomicInteger();

    private final AtomicBoolean refusing = new AtomicBoolean();

    private final ChannelFutureListener closed = (future) -> this.open.decrementAndGet();

    private final List<ConnectionProtocol> protocols;

    private final IdentityHashMap<ConnectionProtocol, ChannelHandler> refusals = new IdentityHashMap<>();

    ConnectionGuard(ServerOptions.ConnectionLimits limits, List<ConnectionProtocol> protocols) {
        this.limits = limits;
        this.tickNanos = tickNanos(limits);
        this.protocols = protocols;
        String reason = "the server has reached its limit of " + limits.maxConnections()
                + " connections (rpc.server.max-connections)";
        for (ConnectionProtocol protocol : protocols) {
            byte[] answer = protocol.refusal(reason);
            if (answer != null) {
                this.refusals.put(protocol, new Refusal(answer));
            }
        }
    }

    /**
     * Counts a new connection, or refuses it when the server has as many as it may have.
     * @param channel the accepted connection
     * @return whether the connection is accepted; a refused one is answered in its
     * protocol and closed by the guard
     */
    // nothing waits for the close of a refused connection
    @SuppressWarnings("FutureReturnValueIgnored")
    boolean admit(Channel channel) {
        if (this.open.incrementAndGet() <= this.limits.maxConnections()) {
            if (this.refusing.get()) {
                this.refusing.set(false);
            }
            channel.closeFuture().addListener(this.closed);
            return true;
        }
        this.open.decrementAndGet();
        if (this.refusing.compareAndSet(false, true)) {
            logger.warn("Refusing connections (the first from {}): {} connections are open, the limit of"
                    + " rpc.server.max-connections; further refusals are logged at DEBUG until a connection is"
                    + " accepted again", channel.remoteAddress(), this.limits.maxConnections());
        }
        else {
            logger.debug("Refusing a connection from {}: the limit of {} connections is reached",
                    channel.remoteAddress(), this.limits.maxConnections());
        }
        channel.pipeline().addLast("detect", new ProtocolDetector(this.protocols, (protocol, pipeline) -> {
            ChannelHandler refusal = this.refusals.get(protocol);
            if (refusal != null) {
                pipeline.addLast(refusal);
            }
            else {
                pipeline.channel().close();
            }
        }));
        channel.eventLoop().schedule(() -> channel.close(), REFUSAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return false;
    }

    /**
     * Creates the watch of an accepted connection, to be the first handler of its
     * pipeline.
     * @return the watch
     */
    ConnectionWatch watch() {
        return new ConnectionWatch(this.limits, this.tickNanos);
    }

    private static long tickNanos(ServerOptions.ConnectionLimits limits) {
        long shortest = Long.MAX_VALUE;
        Duration maxAge = limits.maxConnectionAge();
        for (Duration timeout : new Duration[] { limits.handshakeTimeout(), limits.messageReadTimeout(),
                limits.idleTimeout(), (maxAge != null) ? maxAge : Duration.ZERO }) {
            if (!timeout.isZero()) {
                shortest = Math.min(shortest, timeout.toNanos());
            }
        }
        return (shortest == Long.MAX_VALUE) ? 0 : Math.max(MIN_TICK_NANOS, shortest / 4);
    }

    /**
     * Answers a refused connection with fixed bytes, closes it, and discards what it
     * sends.
     */
    @ChannelHandler.Sharable
    private static final class Refusal extends ChannelInboundHandlerAdapter {

        private final byte[] answer;

        Refusal(byte[] answer) {
            this.answer = answer;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(this.answer)).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        // nothing waits for the close
        @SuppressWarnings("FutureReturnValueIgnored")
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

    }

}
