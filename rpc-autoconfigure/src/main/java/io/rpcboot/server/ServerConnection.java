package io.rpcboot.server;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.protocol.ErrorPayload;
import io.rpcboot.protocol.Frame;
import io.rpcboot.protocol.FrameCodec;
import io.rpcboot.protocol.PayloadFormat;
import io.rpcboot.protocol.Preface;
import io.rpcboot.protocol.RequestFrame;
import io.rpcboot.protocol.WriteQueue;

/**
 * One client connection on the server: answers the handshake, dispatches requests to the executor,
 * passes cancels to running calls, and closes the connection on malformed or oversized input.
 * Its state is touched only on the connection's event loop, except the map of running calls.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(ServerConnection.class);

    private final RpcServer server;

    private final Map<Integer, ServerCall> running = new ConcurrentHashMap<>();

    private ChannelHandlerContext context;

    private WriteQueue writes;

    private int peerMaxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;

    private int lastAcceptedId;

    private boolean goAwaySent;

    ServerConnection(RpcServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.writes = new WriteQueue(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestFrame request) {
            onRequest(request);
        }
        else if (msg instanceof Frame.Cancel cancel) {
            ServerCall call = this.running.get(cancel.id());
            if (call != null) {
                call.cancel();
            }
        }
        else if (msg instanceof Frame.Ping ping) {
            if (!ping.ack()) {
                ctx.writeAndFlush(FrameCodec.ping(ctx.alloc(), true, ping.data()));
            }
        }
        else if (msg instanceof Frame.Settings settings) {
            this.peerMaxMessageSize = settings.maxMessageSize();
        }
        else if (msg instanceof Frame.PeerPreface preface) {
            onPreface(ctx, preface);
        }
        else if (msg instanceof Frame.Oversized oversized) {
            onOversized(ctx, oversized);
        }
        else {
            logger.debug("Ignoring unexpected {} from {}", msg, ctx.channel().remoteAddress());
        }
    }

    private void onPreface(ChannelHandlerContext ctx, Frame.PeerPreface preface) {
        if (preface.version() != Preface.VERSION) {
            logger.info("Closing connection from {}: it speaks protocol version {}, this server {}",
                    ctx.channel().remoteAddress(), preface.version(), Preface.VERSION);
            ctx.writeAndFlush(Preface.encodeRejection(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(Preface.encode(ctx.alloc()));
        ctx.writeAndFlush(
                FrameCodec.settings(ctx.alloc(), this.server.maxMessageSize(), this.server.codec().formats()));
    }

    private void onRequest(RequestFrame request) {
        if (this.goAwaySent || this.server.isDraining()) {
            request.payload().release();
            respondError(request.id(), RpcStatus.UNAVAILABLE, "the server is shutting down; the call was not run");
            return;
        }
        this.lastAcceptedId = request.id();
        if (!request.metadata().isEmpty() && RpcMetadata.sizeOf(request.metadata()) > RpcMetadata.MAX_BYTES) {
            request.payload().release();
            respondError(request.id(), RpcStatus.RESOURCE_EXHAUSTED, "request metadata of "
                    + RpcMetadata.sizeOf(request.metadata()) + " bytes is over the limit of " + RpcMetadata.MAX_BYTES
                    + " bytes");
            return;
        }
        if (!this.server.codec().supports(request.format())) {
            request.payload().release();
            respondError(request.id(), RpcStatus.INVALID_ARGUMENT,
                    "payload format " + request.format().displayName() + " is not read by this server");
            return;
        }
        ServerMethod method = this.server.registry().find(request.service(), request.method());
        if (method == null) {
            request.payload().release();
            String reason = this.server.registry().hasService(request.service())
                    ? "no method " + request.method() + " in service " + request.service()
                    : "no service " + request.service();
            logger.debug("NOT_FOUND for a call from {}: {}", remoteAddress(), reason);
            respondError(request.id(), RpcStatus.NOT_FOUND, reason);
            return;
        }
        ServerCall call = new ServerCall(this, method, request);
        this.running.put(request.id(), call);
        this.server.callStarted();
        if (method.runsOnEventLoop()) {
            call.run();
            return;
        }
        try {
            this.server.executor().execute(call);
        }
        catch (RejectedExecutionException ex) {
            this.running.remove(request.id());
            this.server.callFinished();
            request.payload().release();
            respondError(request.id(), RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the call");
        }
    }

    private void onOversized(ChannelHandlerContext ctx, Frame.Oversized oversized) {
        String reason = "frame of " + oversized.length() + " bytes is over the limit of "
                + this.server.maxMessageSize() + " bytes";
        logger.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        if (oversized.type() == io.rpcboot.protocol.FrameType.REQUEST) {
            ByteBuf frame = FrameCodec.beginResponse(ctx.alloc(), oversized.id(), RpcStatus.RESOURCE_EXHAUSTED,
                    Map.of(), PayloadFormat.JSON);
            this.server.codec()
                .writeError(frame, new ErrorPayload("request " + reason, null, null), PayloadFormat.JSON);
            ctx.writeAndFlush(FrameCodec.finish(frame)).addListener(ChannelFutureListener.CLOSE);
        }
        else {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            logger.warn("Closing connection from {}: malformed input: {}", ctx.channel().remoteAddress(),
                    cause.getMessage());
        }
        else {
            logger.warn("Closing connection from {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        this.running.values().forEach(ServerCall::cancel);
        ctx.fireChannelInactive();
    }

    void goAway() {
        if (!this.goAwaySent && this.context.channel().isActive()) {
            this.goAwaySent = true;
            this.context.writeAndFlush(
                    FrameCodec.goAway(this.context.alloc(), this.lastAcceptedId, "server shutting down"));
        }
    }

    /** Answers with an error of the protocol rather than of a call's method; in JSON, which every client reads. */
    void respondError(int id, RpcStatus status, String message) {
        ByteBuf frame = FrameCodec.beginResponse(this.context.alloc(), id, status, Map.of(), PayloadFormat.JSON);
        this.server.codec().writeError(frame, new ErrorPayload(message, null, null), PayloadFormat.JSON);
        respond(FrameCodec.finish(frame));
    }

    void respond(ByteBuf frame) {
        if (!this.writes.enqueue((channel) -> channel.write(frame, channel.voidPromise()))) {
            frame.release();
        }
    }

    void finished(int id) {
        this.running.remove(id);
        this.server.callFinished();
    }

    RpcServer server() {
        return this.server;
    }

    int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    SocketAddress remoteAddress() {
        return this.context.channel().remoteAddress();
    }

    io.netty.buffer.ByteBufAllocator alloc() {
        return this.context.alloc();
    }

    /**
     * Acts on the connection guard's {@link CloseWhenIdle}: with no call running, tells the client to
     * go away and closes; with calls running, tells it to go away only when the connection must drain
     * (the guard asks again until the calls are done).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof CloseWhenIdle close)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        boolean idle = this.running.isEmpty();
        if ((idle || close.goAwayWhileBusy()) && !this.goAwaySent) {
            this.goAwaySent = true;
            ctx.writeAndFlush(FrameCodec.goAway(ctx.alloc(), this.lastAcceptedId, close.reason()));
        }
        if (idle) {
            close.closeAfterWrites(ctx);
        }
    }

}
