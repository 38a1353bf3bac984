package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.WriteQueue;

/**
 * One connection to an endpoint, shared by every call to it, and the owner of those
 * calls' state: the channel handler, and the door other threads use. The state is touched
 * only on the connection's event loop; other threads reach it only through commands on
 * the connection's {@link WriteQueue} ({@link #start}, {@link #cancel}, {@link #expire}),
 * which the loop runs in the order they were queued; see {@link ClientCall} for a call's
 * life cycle. The work is done by the connection's parts: {@link ConnectionHandshake}
 * (prefaces, settings, the contract check's description, the ready future),
 * {@link CallSender} (the write side of calls: request ids, the server's limit of calls
 * in flight, cancels, expiries, the drain when request ids run out), {@link CallRouter}
 * (the server's frames to the calls in flight, and the calls a go-away or close fails),
 * {@link KeepAlive} (pings) and {@link CallFailures} (how calls fail without an answer).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    /**
     * The margin of request ids left for calls already on their way when the connection
     * drains.
     */
    static final int DRAIN_MARGIN = 1 << 20;

    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final EndpointAddress address;

    private final ConnectionHandshake handshake;

    private final CallSender sender;

    private final CallRouter router;

    private final CallFailures failures;

    private final KeepAlive keepAlive;

    /** Whether the event loop is reading from the connection; event loop only. */
    private boolean reading;

    /**
     * The callbacks whose tasks of the current read wait for their hand-off when it ends;
     * event loop only.
     */
    private @Nullable CallbackBatches handOffDue;

    // set in channelActive, which runs before ready() completes: no call reaches a
    // connection before that
    @SuppressWarnings("NullAway.Init")
    private volatile Channel channel;

    @SuppressWarnings("NullAway.Init")
    private volatile WriteQueue writes;

    /** Calls started and not completed, for the balancer; from any thread. */
    private final AtomicInteger outstandingCalls = new AtomicInteger();

    /**
     * Whether requests were written while reading answers, to flush when the read is
     * complete.
     */
    private boolean unflushed;

    ClientConnection(EndpointAddress address, ClientOptions options, PayloadCodec codec, Timer timer) {
        this(address, options, codec, timer, 1, Integer.MAX_VALUE - DRAIN_MARGIN);
    }

    /**
     * Creates a connection whose request ids start at {@code firstRequestId} and which
     * drains after writing request {@code drainAfterId}.
     */
    ClientConnection(EndpointAddress address, ClientOptions options, PayloadCodec codec, Timer timer,
            int firstRequestId, int drainAfterId) {
        this.address = address;
        this.failures = new CallFailures(address, options.maxMessageSize());
        PendingCalls pending = new PendingCalls();
        this.sender = new CallSender(this, address, timer, pending, this.failures, firstRequestId, drainAfterId);
        this.router = new CallRouter(address, pending, this.sender, this.failures);
        this.handshake = new ConnectionHandshake(this, this.sender, address, options, codec);
        this.keepAlive = new KeepAlive(address, options.keepAliveTimeout(), this.router, this.failures);
    }

    CompletableFuture<ClientConnection> ready() {
        return this.handshake.ready();
    }

    /**
     * Makes the connection ask its server for a description of the service once the
     * handshake is done; before the connection opens.
     * @param check the service's contract check
     */
    void checkContract(ContractCheck check) {
        this.handshake.checkContract(check);
    }

    /**
     * Returns the failure of a call that the contract check refuses to send on this
     * connection ({@code rpc.client.contract-check=fail}).
     * @param method the method called
     * @return the failure, {@code NOT_FOUND}, or {@code null} when the call may be sent
     */
    @Nullable RpcException refusal(MethodDescriptor method) {
        return this.handshake.refusal(method);
    }

    boolean isUsable() {
        Channel current = this.channel;
        CompletableFuture<ClientConnection> ready = this.handshake.ready();
        return current != null && current.isActive() && this.sender.takesCalls() && ready.isDone()
                && !ready.isCompletedExceptionally();
    }

    int peerMaxMessageSize() {
        return this.handshake.peerMaxMessageSize();
    }

    /**
     * Returns whether the server announced that it speaks stream frames.
     * @return whether stream calls may be sent
     */
    boolean peerStreams() {
        return this.handshake.peerStreams();
    }

    boolean isWritable() {
        return this.channel.isWritable();
    }

    /**
     * Writes a frame of a stream call (MESSAGE) after everything queued before it; from
     * any thread.
     */
    void writeFrame(ByteBuf frame) {
        if (!this.writes.enqueue(frame)) {
            frame.release();
        }
    }

    /**
     * Grants the server more messages of a stream call's results; from any thread. Credit
     * granted before the request is written goes right after it.
     */
    void credit(ClientCall call, long count) {
        this.writes.enqueue((channel) -> this.sender.credit(call, count));
    }

    /**
     * Returns the format requests are sent in: the preferred one when the server reads
     * it, JSON otherwise; decided when the server's settings arrive.
     */
    PayloadFormat payloadFormat() {
        return this.handshake.payloadFormat();
    }

    ByteBufAllocator alloc() {
        return this.channel.alloc();
    }

    EndpointAddress address() {
        return this.address;
    }

    /**
     * Returns whether the connection closed, or is closing, as both sides agreed: after
     * the server's go-away, or drained by this client.
     */
    boolean closedAsAgreed() {
        return this.sender.closedAsAgreed();
    }

    /**
     * Takes no new calls and closes once the calls in flight are answered; from any
     * thread.
     * @param reason why, completing "the connection to ... " in the failure of a call
     * that comes too late
     */
    void drain(String reason) {
        this.sender.drain(reason);
        if (!this.writes.enqueue((channel) -> this.sender.closeIfDrained())) {
            close();
        }
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    void close() {
        Channel current = this.channel;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Queues the write of a call; from any thread.
     * @param call the call, holding its encoded request
     */
    void start(ClientCall call) {
        this.outstandingCalls.incrementAndGet();
        if (!this.writes.enqueue(call)) {
            ByteBuf request = call.takeRequest();
            if (request != null) {
                request.release();
            }
            call.completeExceptionally(this.failures.closedBeforeSent(call));
        }
    }

    /** Counts a started call as completed: {@link ClientCall}'s completion calls it. */
    void callEnded() {
        this.outstandingCalls.decrementAndGet();
    }

    /**
     * Returns the calls started on this connection and not completed.
     * @return the calls in flight or waiting to be written
     */
    int outstandingCalls() {
        return this.outstandingCalls.get();
    }

    /**
     * The write command of a call: on the event loop. Sends the call, or queues it while
     * the server runs as many of this connection's calls as it allows.
     */
    void write(ClientCall call) {
        this.sender.write(call);
    }

    /**
     * Queues the expiry of a call; on the timer's thread.
     */
    void expire(ClientCall call) {
        this.writes.enqueue((channel) -> this.sender.expire(call));
    }

    /**
     * Queues the cancel of a call its caller abandoned; from any thread. Queued after the
     * call's write, it finds the call either written (and tells the server to stop it) or
     * dropped unsent.
     */
    void cancel(ClientCall call) {
        this.writes.enqueue((channel) -> this.sender.cancel(call));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.sender.opened(ctx.channel());
        this.channel = ctx.channel();
        this.writes = new WriteQueue(ctx.channel());
        this.keepAlive.opened(this.writes);
        this.handshake.opened(ctx);
        ctx.fireChannelActive();
    }

    /**
     * Returns whether a callback task submitted now is to wait for the end of the
     * connection's read: when the submitter is the event loop, reading; the callbacks are
     * then handed their tasks when the read ends.
     * @param callbacks the client's callbacks
     * @return whether {@link CallbackBatches#handOff()} is due at the end of the read
     */
    boolean handOffAfterRead(CallbackBatches callbacks) {
        if (!this.channel.eventLoop().inEventLoop() || !this.reading) {
            return false;
        }
        CallbackBatches due = this.handOffDue;
        if (due != null && due != callbacks) {
            due.handOff(); // a connection belongs to one client: not expected
        }
        this.handOffDue = callbacks;
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        this.reading = true;
        this.keepAlive.read();
        if (msg instanceof ResponseFrame response) {
            if (this.router.answer(response)) {
                this.unflushed = true; // flushed once the read is complete: one flush for
                                       // a batch of answers
            }
        }
        else if (msg instanceof Frame.Message message) {
            this.router.message(message);
        }
        else if (msg instanceof Frame.Credit credit) {
            this.router.credit(credit);
        }
        else if (msg instanceof Frame.Cancel cancel) {
            // from a server: it reads no more of the call's stream argument
            this.router.cancelled(cancel);
        }
        else if (msg instanceof Frame.GoAway goAway) {
            onGoAway(goAway);
        }
        else if (msg instanceof Frame.Ping ping) {
            this.keepAlive.pinged(ping);
        }
        else if (msg instanceof Frame.Oversized oversized) {
            onOversized(ctx, oversized);
        }
        else {
            this.handshake.read(ctx, msg); // prefaces, settings and the description
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            this.router.resumeStreams();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOffRead(); // one hand-off for the answers and elements of the whole read
        if (this.unflushed) {
            this.unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** The read ends: hands the callbacks the tasks it queued. */
    private void handOffRead() {
        this.reading = false;
        CallbackBatches due = this.handOffDue;
        if (due != null) {
            this.handOffDue = null;
            due.handOff();
        }
    }

    private void onGoAway(Frame.GoAway goAway) {
        this.sender.goAwayReceived();
        this.handshake.goAway(goAway.reason());
        logger.debug("{} is going away ({}); calls after id {} were not processed", this.address, goAway.reason(),
                goAway.lastAcceptedId());
        this.router.failUnprocessed(goAway.lastAcceptedId());
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    private void onOversized(ChannelHandlerContext ctx, Frame.Oversized oversized) {
        if (oversized.type() == FrameType.DESCRIPTION) {
            // the decoder skipped it, and it is no call's to fail
            this.handshake.descriptionTooLarge(oversized);
            return;
        }
        this.router.tooLarge(oversized);
        ctx.close();
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.warn("Closing connection to {}: {}", this.address, cause.getMessage());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOffRead(); // should a read have ended without its completion event
        this.sender.closing();
        this.handshake.closed(this.failures.closed());
        this.router.failAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!this.keepAlive.idle(ctx, event)) {
            ctx.fireUserEventTriggered(event);
        }
    }

}
