package io.rpcboot.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Timer;
import io.netty.util.collection.IntObjectMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.Frame;
import io.rpcboot.protocol.FrameCodec;
import io.rpcboot.protocol.FrameType;
import io.rpcboot.protocol.PayloadCodec;
import io.rpcboot.protocol.PayloadFormat;
import io.rpcboot.protocol.Preface;
import io.rpcboot.protocol.ResponseFrame;
import io.rpcboot.protocol.WriteQueue;

/**
 * One connection to an endpoint, shared by every call to it. Request ids are assigned on the event
 * loop as requests are written, so they increase in write order; calls waiting for an answer are kept
 * in a map touched only on that loop.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final EndpointAddress address;

    private final int maxMessageSize;

    private final PayloadFormat preferredFormat;

    private final PayloadCodec codec;

    private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();

    private final IntObjectMap<PendingCall> pending = new IntObjectHashMap<>();

    private final Timer timer;

    private final Duration keepAliveTimeout;

    private long lastReadNanos = System.nanoTime();

    private volatile String closeReason = "closed";

    private volatile Channel channel;

    private volatile WriteQueue writes;

    private volatile int peerMaxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;

    private volatile PayloadFormat payloadFormat = PayloadFormat.JSON;

    private volatile boolean goingAway;

    private int nextId = 1;

    ClientConnection(EndpointAddress address, ClientOptions options, PayloadCodec codec, Timer timer) {
        this.keepAliveTimeout = options.keepAliveTimeout();
        this.address = address;
        this.maxMessageSize = options.maxMessageSize();
        this.preferredFormat = options.payloadFormat();
        this.codec = codec;
        this.timer = timer;
    }

    CompletableFuture<ClientConnection> ready() {
        return this.ready;
    }

    boolean isUsable() {
        Channel current = this.channel;
        return current != null && current.isActive() && !this.goingAway && this.ready.isDone()
                && !this.ready.isCompletedExceptionally();
    }

    int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    /**
     * Returns the format requests are sent in: the preferred one when the server reads it, JSON
     * otherwise; decided when the server's settings arrive.
     */
    PayloadFormat payloadFormat() {
        return this.payloadFormat;
    }

    ByteBufAllocator alloc() {
        return this.channel.alloc();
    }

    EndpointAddress address() {
        return this.address;
    }

    void close() {
        Channel current = this.channel;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Writes a request and returns the call that its answer completes.
     */
    PendingCall send(ByteBuf frame, PendingCall call) {
        if (!this.writes.enqueue((channel) -> write(frame, call))) {
            frame.release();
            call.completeExceptionally(closed());
        }
        return call;
    }

    private void write(ByteBuf frame, PendingCall call) {
        if (!this.channel.isActive() || this.goingAway) {
            frame.release();
            // a call refused here was never written: the server cannot have run it
            call.completeExceptionally(this.channel.isActive() ? notSent(call) : closed());
            return;
        }
        int id = this.nextId++;
        FrameCodec.setRequestId(frame, id);
        call.id = id;
        this.pending.put(id, call);
        call.timeout = this.timer.newTimeout((timeout) -> this.channel.eventLoop().execute(() -> expire(call)),
                call.timeoutNanos(), TimeUnit.NANOSECONDS);
        // a failed write closes the connection (exceptionCaught), which fails every pending call
        this.channel.write(frame, this.channel.voidPromise());
    }

    private void expire(PendingCall call) {
        if (this.pending.remove(call.id) != null) {
            call.completeExceptionally(new RpcException(RpcStatus.DEADLINE_EXCEEDED, "call to " + call.method()
                    + " did not complete within its timeout of "
                    + TimeUnit.NANOSECONDS.toMillis(call.callTimeoutNanos()) + "ms"));
            this.channel.writeAndFlush(FrameCodec.cancel(this.channel.alloc(), call.id));
        }
    }

    void cancel(PendingCall call) {
        EventLoop loop = this.channel.eventLoop();
        loop.execute(() -> {
            if (call.id != 0 && this.pending.remove(call.id) != null) {
                cancelTimeout(call);
                this.channel.writeAndFlush(FrameCodec.cancel(this.channel.alloc(), call.id));
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
        this.writes = new WriteQueue(ctx.channel());
        ctx.write(Preface.encode(ctx.alloc()));
        ctx.writeAndFlush(FrameCodec.settings(ctx.alloc(), this.maxMessageSize, this.codec.formats()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        this.lastReadNanos = System.nanoTime();
        if (msg instanceof ResponseFrame response) {
            onResponse(response);
        }
        else if (msg instanceof Frame.Settings settings) {
            this.peerMaxMessageSize = settings.maxMessageSize();
            this.payloadFormat = this.codec.negotiate(this.preferredFormat, settings.payloadFormats());
            this.ready.complete(this);
        }
        else if (msg instanceof Frame.GoAway goAway) {
            onGoAway(goAway);
        }
        else if (msg instanceof Frame.Ping ping) {
            if (!ping.ack()) {
                ctx.writeAndFlush(FrameCodec.ping(ctx.alloc(), true, ping.data()));
            }
        }
        else if (msg instanceof Frame.PeerPreface preface) {
            if (preface.version() != Preface.VERSION) {
                failHandshake(ctx, "the server answered with protocol version " + preface.version());
            }
        }
        else if (msg instanceof Frame.VersionRejected rejected) {
            failHandshake(ctx, "the server speaks protocol versions " + java.util.Arrays.toString(
                    rejected.supportedVersions()) + ", this client version " + Preface.VERSION);
        }
        else if (msg instanceof Frame.Oversized oversized) {
            onOversized(ctx, oversized);
        }
    }

    private void onResponse(ResponseFrame response) {
        PendingCall call = this.pending.remove(response.id());
        if (call == null) {
            response.payload().release(); // the caller gave up: a late answer is dropped
            return;
        }
        cancelTimeout(call);
        call.complete(response, true);
    }

    private void onGoAway(Frame.GoAway goAway) {
        this.goingAway = true;
        logger.debug("{} is going away ({}); calls after id {} were not processed", this.address, goAway.reason(),
                goAway.lastAcceptedId());
        List<PendingCall> unprocessed = new ArrayList<>();
        this.pending.forEach((id, call) -> {
            if (id > goAway.lastAcceptedId()) {
                unprocessed.add(call);
            }
        });
        for (PendingCall call : unprocessed) {
            this.pending.remove(call.id);
            cancelTimeout(call);
            call.completeExceptionally(new RpcException(RpcStatus.UNAVAILABLE,
                    this.address + " is shutting down; the call to " + call.method() + " was not processed"));
        }
    }

    private void onOversized(ChannelHandlerContext ctx, Frame.Oversized oversized) {
        String reason = "the response of " + oversized.length() + " bytes is over the client's limit of "
                + this.maxMessageSize + " bytes (rpc.client.max-message-size)";
        logger.warn("Closing connection to {}: {}", this.address, reason);
        if (oversized.type() == FrameType.RESPONSE) {
            PendingCall call = this.pending.remove(oversized.id());
            if (call != null) {
                cancelTimeout(call);
                call.completeExceptionally(new RpcException(RpcStatus.RESOURCE_EXHAUSTED, reason));
            }
        }
        ctx.close();
    }

    private void failHandshake(ChannelHandlerContext ctx, String reason) {
        this.ready.completeExceptionally(new RpcException(RpcStatus.UNAVAILABLE,
                "cannot talk to " + this.address + ": " + reason));
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.warn("Closing connection to {}: {}", this.address, cause.getMessage());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        this.goingAway = true;
        this.ready.completeExceptionally(closed());
        if (!this.pending.isEmpty()) {
            List<PendingCall> calls = new ArrayList<>(this.pending.values());
            this.pending.clear();
            for (PendingCall call : calls) {
                cancelTimeout(call);
                call.completeExceptionally(closed());
            }
        }
        ctx.fireChannelInactive();
    }

    /**
     * Pings a server that has been silent while calls wait for it, and closes the connection when
     * the ping is not answered in time: the calls then fail with UNAVAILABLE long before their
     * deadlines.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE || this.pending.isEmpty()) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        long pingedAt = System.nanoTime();
        ctx.writeAndFlush(FrameCodec.ping(ctx.alloc(), false, pingedAt));
        ctx.executor().schedule(() -> {
            if (this.lastReadNanos - pingedAt < 0 && ctx.channel().isActive()) {
                this.closeReason = "was silent: no answer to a keepalive ping within "
                        + this.keepAliveTimeout.toMillis() + "ms";
                logger.warn("Closing connection to {}: it {}", this.address, this.closeReason);
                ctx.close();
            }
        }, this.keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private RpcException notSent(PendingCall call) {
        return new RpcException(RpcStatus.UNAVAILABLE,
                this.address + " is shutting down; the call to " + call.method() + " was not processed");
    }

    private RpcException closed() {
        return new RpcException(RpcStatus.UNAVAILABLE, "the connection to " + this.address + " " + this.closeReason);
    }

    private static void cancelTimeout(PendingCall call) {
        if (call.timeout != null) {
            call.timeout.cancel();
        }
    }

}
