package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.Preface;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.WriteQueue;

/**
 * One connection to an endpoint, shared by every call to it, and the owner of those
 * calls' state. Everything below is touched only on the connection's event loop: request
 * ids (assigned as requests are written, so they increase in write order), the table of
 * calls waiting for an answer, and their timers. Other threads reach that state only
 * through commands on the connection's {@link WriteQueue} ({@link #start},
 * {@link #cancel}, {@link #expire}), which the loop runs in the order they were queued;
 * see {@link ClientCall} for a call's life cycle.
 *
 * <p>
 * The connection keeps at most as many calls in flight as the server runs for it (the
 * MAX_CONCURRENT_CALLS of its settings), as an HTTP/2 client keeps to
 * MAX_CONCURRENT_STREAMS: a call beyond it waits, unsent, in a first-in first-out queue,
 * and is written when an answer, a cancel or an expiry frees a slot. A waiting call's
 * deadline runs from the moment it was queued; one that expires, or is abandoned, while
 * it waits is never sent; a go-away or close fails the calls still waiting as not
 * processed.
 *
 * <p>
 * Request ids never wrap: after {@code drainAfterId} the connection drains, that is it
 * takes no new calls ({@link #isUsable()} turns false, so the endpoint opens a new
 * connection), lets the calls it has finish, and closes when none is left. Calls that
 * were queued meanwhile still get ids up to {@link Integer#MAX_VALUE}; past that, a call
 * is failed unsent.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    /**
     * The margin of request ids left for calls already on their way when the connection
     * drains.
     */
    static final int DRAIN_MARGIN = 1 << 20;

    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final EndpointAddress address;

    private final int maxMessageSize;

    private final PayloadFormat preferredFormat;

    private final PayloadCodec codec;

    private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();

    private final PendingCalls pending = new PendingCalls();

    /** Whether the event loop is reading from the connection; event loop only. */
    private boolean reading;

    /**
     * The callbacks whose tasks of the current read wait for their hand-off when it ends;
     * event loop only.
     */
    private @Nullable CallbackBatches handOffDue;

    /**
     * Calls written while the server's limit of calls in flight was reached, oldest
     * first.
     */
    private final Queue<ClientCall> waiting = new ArrayDeque<>();

    private final Timer timer;

    private final Duration keepAliveTimeout;

    private final int drainAfterId;

    private long lastReadNanos = System.nanoTime();

    private volatile String closeReason = "closed";

    // set in channelActive, which runs before ready() completes: no call reaches a
    // connection before that
    @SuppressWarnings("NullAway.Init")
    private volatile Channel channel;

    @SuppressWarnings("NullAway.Init")
    private volatile WriteQueue writes;

    private volatile int peerMaxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;

    private volatile PayloadFormat payloadFormat = PayloadFormat.JSON;

    private volatile boolean goingAway;

    private volatile boolean peerStreams;

    private volatile boolean goAwayReceived;

    private volatile String drainReason = "was replaced: its request ids ran out";

    private volatile boolean draining;

    private int nextId;

    /** The contract check of the connection's service, {@code null} when it is off. */
    private @Nullable ContractCheck contractCheck;

    /**
     * Whether the connection waits for the server's description before it takes calls
     * ({@code rpc.client.contract-check=fail}); event loop only.
     */
    private boolean awaitingDescription;

    /**
     * What fails the calls of methods incompatible with the server, by service name and
     * method key; {@code null} while no call is to fail.
     */
    private volatile @Nullable Map<String, Map<String, String>> refusedMethods;

    /** Calls started and not completed, for the balancer; from any thread. */
    private final AtomicInteger outstandingCalls = new AtomicInteger();

    /**
     * Whether requests were written while reading answers, to flush when the read is
     * complete.
     */
    private boolean unflushed;

    /**
     * The most calls the server runs at once for this connection, from its settings;
     * event loop only.
     */
    private int maxConcurrentCalls = Integer.MAX_VALUE;

    ClientConnection(EndpointAddress address, ClientOptions options, PayloadCodec codec, Timer timer) {
        this(address, options, codec, timer, 1, Integer.MAX_VALUE - DRAIN_MARGIN);
    }

    /**
     * Creates a connection whose request ids start at {@code firstRequestId} and which
     * drains after writing request {@code drainAfterId}.
     */
    ClientConnection(EndpointAddress address, ClientOptions options, PayloadCodec codec, Timer timer,
            int firstRequestId, int drainAfterId) {
        this.keepAliveTimeout = options.keepAliveTimeout();
        this.address = address;
        this.maxMessageSize = options.maxMessageSize();
        this.preferredFormat = options.payloadFormat();
        this.codec = codec;
        this.timer = timer;
        this.nextId = firstRequestId;
        this.drainAfterId = drainAfterId;
    }

    CompletableFuture<ClientConnection> ready() {
        return this.ready;
    }

    /**
     * Makes the connection ask its server for a description of the service once the
     * handshake is done; before the connection opens.
     * @param check the service's contract check
     */
    void checkContract(ContractCheck check) {
        this.contractCheck = check;
    }

    /**
     * Returns the failure of a call that the contract check refuses to send on this
     * connection ({@code rpc.client.contract-check=fail}).
     * @param method the method called
     * @return the failure, {@code NOT_FOUND}, or {@code null} when the call may be sent
     */
    @Nullable RpcException refusal(MethodDescriptor method) {
        Map<String, Map<String, String>> refused = this.refusedMethods;
        if (refused == null) {
            return null;
        }
        Map<String, String> methods = refused.get(method.serviceName());
        String reason = (methods != null) ? methods.get(method.key()) : null;
        return (reason != null) ? new RpcException(RpcStatus.NOT_FOUND, reason) : null;
    }

    boolean isUsable() {
        Channel current = this.channel;
        return current != null && current.isActive() && !this.goingAway && !this.draining && this.ready.isDone()
                && !this.ready.isCompletedExceptionally();
    }

    int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    /**
     * Returns whether the server announced that it speaks stream frames.
     * @return whether stream calls may be sent
     */
    boolean peerStreams() {
        return this.peerStreams;
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
        this.writes.enqueue((channel) -> {
            if (call.id == 0) {
                call.unsentCredit += count;
            }
            else if (this.pending.get(call.id) == call) {
                channel.write(FrameCodec.credit(channel.alloc(), call.id, count), channel.voidPromise());
            }
        });
    }

    /**
     * Returns the format requests are sent in: the preferred one when the server reads
     * it, JSON otherwise; decided when the server's settings arrive.
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

    /**
     * Returns whether the connection closed, or is closing, as both sides agreed: after
     * the server's go-away, or drained by this client.
     */
    boolean closedAsAgreed() {
        return this.goAwayReceived || this.draining;
    }

    /**
     * Takes no new calls and closes once the calls in flight are answered; from any
     * thread.
     * @param reason why, completing "the connection to ... " in the failure of a call
     * that comes too late
     */
    void drain(String reason) {
        this.drainReason = reason;
        this.draining = true;
        if (!this.writes.enqueue((channel) -> closeIfDrained())) {
            close();
        }
    }

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
            call.completeExceptionally(closedBeforeSent(call));
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
        if (call.isDone()) {
            release(call.takeRequest()); // abandoned before it was written: never sent
            return;
        }
        if (!canSend()) {
            refuse(call);
            return;
        }
        if (call.timeoutNanos() > 0) { // a stream without a deadline has no timer
            call.timeout = this.timer.newTimeout(call, call.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
        if (this.pending.size() >= this.maxConcurrentCalls) {
            call.waitingSinceNanos = System.nanoTime();
            this.waiting.add(call);
            return;
        }
        ByteBuf request = call.takeRequest();
        if (request != null) {
            send(call, request);
        }
    }

    /**
     * Sends the calls waiting for a slot while the server has slots free: on the event
     * loop, after a call left the table of calls in flight. The caller flushes.
     * @return whether a request was written
     */
    private boolean sendWaiting() {
        boolean sent = false;
        ClientCall call;
        while (this.pending.size() < this.maxConcurrentCalls && (call = this.waiting.poll()) != null) {
            ByteBuf request = call.takeRequest();
            if (request == null) {
                continue; // expired or abandoned while it waited: already failed and
                          // released
            }
            if (call.isDone()) {
                request.release(); // abandoned; its cancel, still queued, finds nothing
                                   // left to do
                cancelTimeout(call);
                continue;
            }
            if (!canSend()) {
                request.release();
                refuse(call);
                continue;
            }
            long remainingNanos = call.timeoutNanos() - (System.nanoTime() - call.waitingSinceNanos);
            if (call.timeoutNanos() == 0) {
                send(call, request); // no deadline to shorten
                sent = true;
                continue;
            }
            if (remainingNanos <= 0) {
                request.release(); // its timer is due: it would only expire on the server
                cancelTimeout(call);
                call.completeExceptionally(expiredWhileWaiting(call));
                continue;
            }
            ClientCall.setTimeLeft(request, remainingNanos);
            send(call, request);
            sent = true;
        }
        return sent;
    }

    private void send(ClientCall call, ByteBuf request) {
        int id = this.nextId++;
        FrameCodec.setRequestId(request, id);
        call.id = id;
        this.pending.put(id, call);
        // a failed write closes the connection (exceptionCaught), which fails every
        // pending call
        this.channel.write(request, this.channel.voidPromise());
        ClientStreamCall streams = call.streams;
        if (streams != null) {
            if (call.unsentCredit > 0) {
                this.channel.write(FrameCodec.credit(this.channel.alloc(), id, call.unsentCredit),
                        this.channel.voidPromise());
                call.unsentCredit = 0;
            }
            streams.started(this, id);
        }
        if (id == this.drainAfterId) {
            this.draining = true;
            logger.debug("{}: request ids are running out; draining this connection for a new one", this.address);
        }
    }

    private boolean canSend() {
        return this.channel.isActive() && !this.goingAway && this.nextId > 0;
    }

    /**
     * Fails a call that cannot be written; its request, when it still holds it, is
     * released.
     */
    private void refuse(ClientCall call) {
        release(call.takeRequest());
        cancelTimeout(call);
        // a call refused here was never written: the server cannot have run it
        call.completeExceptionally(this.channel.isActive() || this.draining ? notSent(call) : closedBeforeSent(call));
    }

    /**
     * Queues the expiry of a call; on the timer's thread.
     */
    void expire(ClientCall call) {
        this.writes.enqueue((channel) -> {
            if (call.id == 0) {
                ByteBuf request = call.takeRequest();
                if (request != null) { // still waiting for a slot: never sent
                    request.release();
                    call.completeExceptionally(expiredWhileWaiting(call));
                }
                return;
            }
            if (this.pending.remove(call.id) != null) {
                call.completeExceptionally(new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                        "call to " + call.method() + " did not complete within its timeout of "
                                + TimeUnit.NANOSECONDS.toMillis(call.callTimeoutNanos()) + "ms"));
                channel.write(FrameCodec.cancel(channel.alloc(), call.id), channel.voidPromise());
                sendWaiting();
                closeIfDrained();
            }
        });
    }

    /**
     * Queues the cancel of a call its caller abandoned; from any thread. Queued after the
     * call's write, it finds the call either written (and tells the server to stop it) or
     * dropped unsent.
     */
    void cancel(ClientCall call) {
        this.writes.enqueue((channel) -> {
            if (call.id == 0) {
                ByteBuf request = call.takeRequest();
                if (request != null) { // waiting for a slot: it leaves the queue unsent
                    request.release();
                    cancelTimeout(call);
                }
                return;
            }
            if (this.pending.remove(call.id) != null) {
                cancelTimeout(call);
                // its slot is free for the next call once the cancel is written, as a
                // reset HTTP/2 stream's
                channel.write(FrameCodec.cancel(channel.alloc(), call.id), channel.voidPromise());
                sendWaiting();
                closeIfDrained();
            }
        });
    }

    /** Closes a draining connection once its last call is answered: on the event loop. */
    private void closeIfDrained() {
        if (this.draining && this.pending.isEmpty() && this.waiting.isEmpty() && this.channel.isActive()) {
            this.closeReason = this.drainReason;
            logger.debug("{}: drained, closing", this.address);
            this.channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
        this.writes = new WriteQueue(ctx.channel());
        ctx.write(Preface.encode(ctx.alloc()));
        ctx.writeAndFlush(FrameCodec.settings(ctx.alloc(), this.maxMessageSize, this.codec.formats()));
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
        this.lastReadNanos = System.nanoTime();
        if (msg instanceof ResponseFrame response) {
            onResponse(response);
        }
        else if (msg instanceof Frame.Message message) {
            ClientCall call = this.pending.get(message.id());
            ClientStreamCall streams = (call != null) ? call.streams : null;
            if (streams != null) {
                streams.message(message);
            }
            else {
                message.payload().release(); // the caller gave up: dropped
            }
        }
        else if (msg instanceof Frame.Credit credit) {
            ClientCall call = this.pending.get(credit.id());
            ClientStreamCall streams = (call != null) ? call.streams : null;
            if (streams != null) {
                streams.granted(credit.count());
            }
        }
        else if (msg instanceof Frame.Cancel cancel) {
            // from a server: it reads no more of the call's stream argument
            ClientCall call = this.pending.get(cancel.id());
            ClientStreamCall streams = (call != null) ? call.streams : null;
            if (streams != null) {
                streams.peerCancelled();
            }
        }
        else if (msg instanceof Frame.Settings settings) {
            this.peerMaxMessageSize = settings.maxMessageSize();
            // a server announcing 0 would refuse every call: one at a time lets its
            // answers through
            this.maxConcurrentCalls = Math.max(1, settings.maxConcurrentCalls());
            this.payloadFormat = this.codec.negotiate(this.preferredFormat, settings.payloadFormats());
            this.peerStreams = settings.streaming();
            if (!describe(ctx, settings)) {
                this.ready.complete(this);
            }
        }
        else if (msg instanceof Frame.Description description) {
            ContractCheck check = this.contractCheck;
            if (check != null && description.id() == ContractCheck.DESCRIBE_ID) {
                this.refusedMethods = check.described(this.address, description.contract());
                this.awaitingDescription = false;
                this.ready.complete(this);
            }
        }
        else if (msg instanceof Frame.DescriptionRefused refused) {
            ContractCheck check = this.contractCheck;
            if (check != null && refused.id() == ContractCheck.DESCRIBE_ID) {
                check.refused(this.address, refused.status(), refused.message());
                this.awaitingDescription = false;
                this.ready.complete(this);
            }
        }
        else if (msg instanceof Frame.GoAway goAway) {
            onGoAway(goAway);
        }
        else if (msg instanceof Frame.Ping ping) {
            if (!ping.ack()) {
                long data = ping.data();
                this.writes.enqueue((channel) -> channel.write(FrameCodec.ping(channel.alloc(), true, data),
                        channel.voidPromise()));
            }
        }
        else if (msg instanceof Frame.PeerPreface preface) {
            if (preface.version() != Preface.VERSION) {
                failHandshake(ctx, "the server answered with protocol version " + preface.version());
            }
        }
        else if (msg instanceof Frame.VersionRejected rejected) {
            failHandshake(ctx,
                    "the server speaks protocol versions " + java.util.Arrays.toString(rejected.supportedVersions())
                            + ", this client version " + Preface.VERSION);
        }
        else if (msg instanceof Frame.Oversized oversized) {
            onOversized(ctx, oversized);
        }
    }

    /**
     * Asks the server for the description of the service, when the check is on and the
     * server answers DESCRIBE; written before the connection takes calls. With
     * {@code fail} the connection takes calls only once the answer is compared (within
     * the handshake's timeout); otherwise calls do not wait for it.
     * @return whether the connection waits for the description before it is ready
     */
    private boolean describe(ChannelHandlerContext ctx, Frame.Settings settings) {
        ContractCheck check = this.contractCheck;
        if (check == null || this.ready.isDone() || this.awaitingDescription) {
            return this.awaitingDescription;
        }
        if (!settings.describes()) {
            check.unsupported(this.address);
            return false;
        }
        List<String> services = check.serviceNames();
        if (services.isEmpty()) {
            return false;
        }
        ctx.writeAndFlush(
                FrameCodec.describe(ctx.alloc(), ContractCheck.DESCRIBE_ID, services, check.describeMetadata()),
                ctx.voidPromise());
        this.awaitingDescription = check.mode() == ContractCheckMode.FAIL;
        return this.awaitingDescription;
    }

    private void onResponse(ResponseFrame response) {
        ClientCall call = this.pending.remove(response.id());
        if (call == null) {
            response.payload().release(); // the caller gave up: a late answer is dropped
            return;
        }
        cancelTimeout(call);
        call.answer(response);
        if (sendWaiting()) {
            this.unflushed = true; // flushed once the read is complete: one flush for a
                                   // batch of answers
        }
        closeIfDrained();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            this.pending.forEach((id, call) -> {
                ClientStreamCall streams = call.streams;
                if (streams != null) {
                    streams.resume(); // stream arguments request what was granted
                                      // meanwhile
                }
            });
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
        this.goingAway = true;
        this.goAwayReceived = true;
        // a go-away before the server's SETTINGS refuses the connection: its reason is
        // the caller's
        this.ready.completeExceptionally(
                new RpcException(RpcStatus.UNAVAILABLE, this.address + " refused the connection: " + goAway.reason()));
        logger.debug("{} is going away ({}); calls after id {} were not processed", this.address, goAway.reason(),
                goAway.lastAcceptedId());
        List<ClientCall> unprocessed = new ArrayList<>();
        this.pending.forEach((id, call) -> {
            if (id > goAway.lastAcceptedId()) {
                unprocessed.add(call);
            }
        });
        for (ClientCall call : unprocessed) {
            this.pending.remove(call.id);
            cancelTimeout(call);
            call.completeExceptionally(notSent(call));
        }
        failWaiting(false);
    }

    /**
     * Fails the calls waiting for a slot, which were never sent: on a go-away or close.
     */
    private void failWaiting(boolean closed) {
        ClientCall call;
        while ((call = this.waiting.poll()) != null) {
            ByteBuf request = call.takeRequest();
            if (request != null) {
                request.release();
                cancelTimeout(call);
                call.completeExceptionally(closed ? closedBeforeSent(call) : notSent(call));
            }
        }
    }

    private void onOversized(ChannelHandlerContext ctx, Frame.Oversized oversized) {
        if (oversized.type() == FrameType.DESCRIPTION) {
            // the decoder skipped it, and it is no call's to fail
            descriptionTooLarge(oversized);
            return;
        }
        boolean message = oversized.type() == FrameType.MESSAGE;
        String reason = (message ? "a stream message of " : "the response of ") + oversized.length()
                + " bytes is over the client's limit of " + this.maxMessageSize
                + " bytes (rpc.client.max-message-size)";
        logger.warn("Closing connection to {}: {}", this.address, reason);
        if (oversized.type() == FrameType.RESPONSE || message) {
            ClientCall call = this.pending.remove(oversized.id());
            if (call != null) {
                cancelTimeout(call);
                call.completeExceptionally(new RpcException(RpcStatus.RESOURCE_EXHAUSTED, reason));
            }
        }
        ctx.close();
    }

    /**
     * The server's description is larger than the client reads: the contract could not be
     * checked, and the connection takes calls, as after any description it could not
     * compare.
     */
    private void descriptionTooLarge(Frame.Oversized oversized) {
        ContractCheck check = this.contractCheck;
        if (check == null || oversized.id() != ContractCheck.DESCRIBE_ID) {
            logger.debug("{} sent a description of {} bytes that was not asked for: skipped", this.address,
                    oversized.length());
            return;
        }
        check.tooLarge(this.address, oversized.length(), this.maxMessageSize);
        this.awaitingDescription = false;
        this.ready.complete(this);
    }

    private void failHandshake(ChannelHandlerContext ctx, String reason) {
        this.ready.completeExceptionally(
                new RpcException(RpcStatus.UNAVAILABLE, "cannot talk to " + this.address + ": " + reason));
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.warn("Closing connection to {}: {}", this.address, cause.getMessage());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOffRead(); // should a read have ended without its completion event
        this.goingAway = true;
        this.ready.completeExceptionally(closed());
        failWaiting(true);
        if (!this.pending.isEmpty()) {
            List<ClientCall> calls = new ArrayList<>(this.pending.values());
            this.pending.clear();
            for (ClientCall call : calls) {
                cancelTimeout(call);
                call.completeExceptionally(closed());
            }
        }
        ctx.fireChannelInactive();
    }

    /**
     * Pings a server that has been silent while calls wait for it, and closes the
     * connection when the ping is not answered in time: the calls then fail with
     * UNAVAILABLE long before their deadlines.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE
                || this.pending.isEmpty()) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        long pingedAt = System.nanoTime();
        this.writes.enqueue(
                (channel) -> channel.write(FrameCodec.ping(channel.alloc(), false, pingedAt), channel.voidPromise()));
        ctx.executor().schedule(() -> {
            if (this.lastReadNanos - pingedAt < 0 && ctx.channel().isActive()) {
                this.closeReason = "was silent: no answer to a keepalive ping within "
                        + this.keepAliveTimeout.toMillis() + "ms";
                logger.warn("Closing connection to {}: it {}", this.address, this.closeReason);
                ctx.close();
            }
        }, this.keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private RpcException notSent(ClientCall call) {
        return new NotProcessedException(this.address,
                this.address + " is shutting down; the call to " + call.method() + " was not processed");
    }

    private RpcException closedBeforeSent(ClientCall call) {
        return new NotProcessedException(this.address, "the connection to " + this.address + " " + this.closeReason
                + " before the call to " + call.method() + " was sent; it was not processed");
    }

    private RpcException expiredWhileWaiting(ClientCall call) {
        return new RpcException(RpcStatus.DEADLINE_EXCEEDED, "call to " + call.method()
                + " did not complete within its timeout of " + TimeUnit.NANOSECONDS.toMillis(call.callTimeoutNanos())
                + "ms; it was never sent: the server's limit of " + this.maxConcurrentCalls
                + " calls in flight on the connection to " + this.address + " (MAX_CONCURRENT_CALLS) was reached");
    }

    private RpcException closed() {
        return new RpcException(RpcStatus.UNAVAILABLE, "the connection to " + this.address + " " + this.closeReason);
    }

    private static void release(@Nullable ByteBuf request) {
        if (request != null) {
            request.release();
        }
    }

    private static void cancelTimeout(ClientCall call) {
        if (call.timeout != null) {
            call.timeout.cancel();
        }
    }

}
