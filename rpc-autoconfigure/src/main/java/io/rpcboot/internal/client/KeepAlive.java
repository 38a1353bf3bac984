package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.WriteQueue;

/**
 * The pings of a {@link ClientConnection}: it pings a server that has been silent while
 * calls wait for it, and closes the connection when the ping is not answered in time, so
 * that the calls fail with UNAVAILABLE long before their deadlines; and it answers the
 * server's pings. Event loop only.
 */
final class KeepAlive {

    // logs as the connection it belongs to
    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final EndpointAddress address;

    private final Duration timeout;

    private final CallRouter calls;

    private final CallFailures failures;

    private long lastReadNanos = System.nanoTime();

    /** The connection's writes, set when it opens. */
    @SuppressWarnings("NullAway.Init")
    private WriteQueue writes;

    KeepAlive(EndpointAddress address, Duration timeout, CallRouter calls, CallFailures failures) {
        this.address = address;
        this.timeout = timeout;
        this.calls = calls;
        this.failures = failures;
    }

    /** The connection opened: pings and their answers take its writes. */
    void opened(WriteQueue writes) {
        this.writes = writes;
    }

    /** The server sent something: it is alive. */
    void read() {
        this.lastReadNanos = System.nanoTime();
    }

    /** Answers a ping of the server; its answers to ours need none. */
    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
    void pinged(Frame.Ping ping) {
        if (ping.ack()) {
            return;
        }
        long data = ping.data();
        this.writes
            .enqueue((channel) -> channel.write(FrameCodec.ping(channel.alloc(), true, data), channel.voidPromise()));
    }

    /**
     * Pings the server when it has been silent while calls wait for it (the idle handler
     * says so), and closes the connection unless something arrives within the timeout.
     * @param ctx the connection's context
     * @param event an event of the pipeline
     * @return whether the event was the server's silence, and handled
     */
    // a void-promise ping; its check runs once whatever happens (it looks whether an
    // answer came), and nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    boolean idle(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE
                || !this.calls.inFlight()) {
            return false;
        }
        long pingedAt = System.nanoTime();
        this.writes.enqueue(
                (channel) -> channel.write(FrameCodec.ping(channel.alloc(), false, pingedAt), channel.voidPromise()));
        ctx.executor().schedule(() -> {
            if (this.lastReadNanos - pingedAt < 0 && ctx.channel().isActive()) {
                String reason = "was silent: no answer to a keepalive ping within " + this.timeout.toMillis() + "ms";
                this.failures.closeReason(reason);
                logger.warn("Closing connection to {}: it {}", this.address, reason);
                ctx.close();
            }
        }, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

}
