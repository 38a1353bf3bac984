package io.rpcboot.internal.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.MetadataSize;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.ProtocolViolationException;
import io.rpcboot.internal.protocol.Preface;
import io.rpcboot.internal.protocol.RequestFrame;
import io.rpcboot.internal.protocol.ResponseEncoder;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.WriteQueue;

/**
 * One client connection on the server: answers the handshake, dispatches requests to the
 * executor, starts the timer of each call's deadline, passes cancels to running calls,
 * answers each client only in the payload formats it announced, and closes the connection
 * on malformed or oversized input or on a protocol violation (a frame before the client's
 * SETTINGS, a PING that is not 8 bytes, request ids that do not increase), after a
 * GO_AWAY that says why. It stops reading while the connection's outbound buffer is over
 * its high water mark (the peer does not read its answers), and closes a connection that
 * keeps sending PINGs whose answers it does not read. Its state is touched only on the
 * connection's event loop, except the result streams waiting for the connection to be
 * writable again and the flag that keeps failures to one log line.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(ServerConnection.class);

    /**
     * Netty's defaults, set here so that the bound on a connection's unread answers is
     * explicit.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /**
     * PING answers queued but not yet written beyond which the connection is closed; the
     * limit of Netty's HTTP/2 codec for control frames (its fix for CVE-2019-9512).
     */
    static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;

    private final RpcServer server;

    /** The calls by id; on the event loop only. */
    private final IntObjectMap<ServerCall> running = new IntObjectHashMap<>();

    /**
     * The result streams that stopped because the connection was not writable: the only
     * ones resumed when it is again.
     */
    private final Queue<ServerStreams> awaitingWritable = new ConcurrentLinkedQueue<>();

    private final ResponseEncoder encoder;

    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /** Whether a DESCRIBE's caller is being checked: one at a time per connection. */
    private final AtomicBoolean describing = new AtomicBoolean();

    private final ChannelFutureListener controlFrameWritten = (future) -> this.queuedControlFrames--;

    // set in handlerAdded, before any other event reaches the handler
    @SuppressWarnings("NullAway.Init")
    private ChannelHandlerContext context;

    @SuppressWarnings("NullAway.Init")
    private WriteQueue writes;

    /**
     * The connection's TLS session, known when the handler is added: after the handshake.
     */
    private @Nullable SSLSession tlsSession;

    private int peerMaxMessageSize = FrameCodec.DEFAULT_MAX_MESSAGE_SIZE;

    private int peerFormats = PayloadFormat.JSON.settingsBit();

    private int lastAcceptedId;

    private int lastRequestId;

    private int queuedControlFrames;

    private boolean goAwaySent;

    private boolean settingsRead;

    private boolean peerStreams;

    // set on the event loop, read by call threads when their call finishes
    private volatile boolean peerGoneAway;

    private boolean closing;

    ServerConnection(RpcServer server) {
        this.server = server;
        this.encoder = new ResponseEncoder(server.codec());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.tlsSession = TlsSessions.of(ctx.channel());
        this.writes = new WriteQueue(ctx.channel());
        ctx.channel().config().setWriteBufferWaterMark(WATER_MARK);
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (this.closing) {
            release(msg); // the connection is being closed for a violation: nothing after
                          // it counts
            return;
        }
        if (!this.settingsRead && !(msg instanceof Frame.Settings) && isFrameAfterPreface(msg)) {
            release(msg);
            violation("the first frame after the preface must be SETTINGS, got " + frameName(msg));
            return;
        }
        if (msg instanceof RequestFrame request) {
            onRequest(request);
        }
        else if (msg instanceof Frame.Message message) {
            ServerCall call = this.running.get(message.id());
            ServerStreams streams = (call != null) ? call.streams() : null;
            if (streams != null) {
                streams.message(message);
            }
            else {
                message.payload().release(); // the call ended (or never streamed):
                                             // dropped
            }
        }
        else if (msg instanceof Frame.Credit credit) {
            ServerCall call = this.running.get(credit.id());
            ServerStreams streams = (call != null) ? call.streams() : null;
            if (streams != null) {
                streams.credit(credit);
            }
        }
        else if (msg instanceof Frame.Describe describe) {
            onDescribe(describe);
        }
        else if (msg instanceof Frame.Cancel cancel) {
            ServerCall call = this.running.get(cancel.id());
            if (call != null) {
                call.cancel();
            }
        }
        else if (msg instanceof Frame.Ping ping) {
            if (!ping.ack()) {
                onPing(ping);
            }
        }
        else if (msg instanceof Frame.Settings settings) {
            if (this.settingsRead) {
                violation("SETTINGS may be sent once, as the first frame after the preface; got a second one");
                return;
            }
            this.settingsRead = true;
            this.peerMaxMessageSize = settings.maxMessageSize();
            this.peerFormats = settings.payloadFormats();
            this.peerStreams = settings.streaming();
        }
        else if (msg instanceof Frame.GoAway) {
            this.peerGoneAway = true; // the client sends no more requests: close once its
                                      // calls are answered
            closeIfPeerDone();
        }
        else if (msg instanceof Frame.PeerPreface preface) {
            onPreface(ctx, preface);
        }
        else if (msg instanceof Frame.VersionRejected) {
            // version 0 is what a server answers to a version it does not know; from a
            // client it
            // would skip the handshake
            this.closing = true;
            logger.warn("Closing connection from {}: its preface has version 0, which only a server sends",
                    remoteAddress());
            ctx.close();
        }
        else if (msg instanceof Frame.Oversized oversized) {
            onOversized(ctx, oversized);
        }
        else {
            logger.debug("Ignoring unexpected {} from {}", msg, ctx.channel().remoteAddress());
            release(msg);
        }
    }

    private static boolean isFrameAfterPreface(Object msg) {
        return msg instanceof RequestFrame || msg instanceof ResponseFrame || msg instanceof Frame.Cancel
                || msg instanceof Frame.Ping || msg instanceof Frame.GoAway || msg instanceof Frame.Message
                || msg instanceof Frame.Credit || msg instanceof Frame.Describe || msg instanceof Frame.Description;
    }

    private static String frameName(Object msg) {
        if (msg instanceof RequestFrame) {
            return "REQUEST";
        }
        if (msg instanceof ResponseFrame) {
            return "RESPONSE";
        }
        if (msg instanceof Frame.Cancel) {
            return "CANCEL";
        }
        if (msg instanceof Frame.Message) {
            return "MESSAGE";
        }
        if (msg instanceof Frame.Credit) {
            return "CREDIT";
        }
        if (msg instanceof Frame.Describe) {
            return "DESCRIBE";
        }
        if (msg instanceof Frame.Description) {
            return "DESCRIPTION";
        }
        return (msg instanceof Frame.Ping) ? "PING" : "GO_AWAY";
    }

    // nothing waits for these writes: one that fails with an I/O error closes the channel
    // (Netty's auto-close)
    @SuppressWarnings("FutureReturnValueIgnored")
    private void onPreface(ChannelHandlerContext ctx, Frame.PeerPreface preface) {
        if (preface.version() != Preface.VERSION) {
            this.closing = true;
            logger.info("Closing connection from {}: it speaks protocol version {}, this server {}",
                    ctx.channel().remoteAddress(), preface.version(), Preface.VERSION);
            ctx.writeAndFlush(Preface.encodeRejection(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(Preface.encode(ctx.alloc()));
        ctx.writeAndFlush(FrameCodec.settings(ctx.alloc(), this.server.maxMessageSize(), this.server.codec().formats(),
                this.server.maxConcurrentCallsPerConnection()));
    }

    private void onPing(Frame.Ping ping) {
        if (this.queuedControlFrames >= MAX_QUEUED_CONTROL_FRAMES) {
            violation("too_many_pings: " + this.queuedControlFrames + " PING answers wait for the peer to read them");
            return;
        }
        ByteBuf pong = FrameCodec.ping(this.context.alloc(), true, ping.data());
        this.queuedControlFrames++;
        if (!this.writes.enqueue((channel) -> writeControlFrame(channel, pong))) {
            this.queuedControlFrames--;
            pong.release();
        }
    }

    /**
     * Answers a client's DESCRIBE with the contract of the services it asks about; an
     * empty DESCRIPTION when the contract cannot be described or is larger than the
     * client reads. When the server authenticates its callers, the DESCRIBE's metadata is
     * checked first, on the executor (checking credentials may be slow), and a caller it
     * does not accept gets a refused DESCRIPTION with the status instead.
     */
    private void onDescribe(Frame.Describe describe) {
        int peerMaxMessageSize = this.peerMaxMessageSize;
        DescriptionAccess access = this.server.descriptionAccess();
        if (access == null) {
            writeFrame(description(describe, peerMaxMessageSize));
            return;
        }
        if (!describe.metadata().isEmpty() && MetadataSize.of(describe.metadata()) > MetadataSize.MAX_BYTES) {
            writeFrame(FrameCodec.descriptionRefused(this.context.alloc(), describe.id(), RpcStatus.RESOURCE_EXHAUSTED,
                    "DESCRIBE metadata of " + MetadataSize.of(describe.metadata()) + " bytes is over the limit of "
                            + MetadataSize.MAX_BYTES + " bytes"));
            return;
        }
        if (!this.describing.compareAndSet(false, true)) {
            // each check may cost a password hash: a connection gets one at a time, as it
            // gets MAX_CONCURRENT_CALLS calls
            writeFrame(FrameCodec.descriptionRefused(this.context.alloc(), describe.id(), RpcStatus.RESOURCE_EXHAUSTED,
                    "the caller of an earlier DESCRIBE on this connection is still being checked"));
            return;
        }
        Runnable check = () -> {
            ByteBuf answer;
            try {
                answer = checkedDescription(access, describe, peerMaxMessageSize);
            }
            finally {
                this.describing.set(false); // before the answer: the client may ask again
                                            // once it has it
            }
            writeFrame(answer);
        };
        if (!this.server.executeCounted(check)) {
            this.describing.set(false);
            writeFrame(FrameCodec.descriptionRefused(this.context.alloc(), describe.id(), RpcStatus.RESOURCE_EXHAUSTED,
                    "the server is too busy to check the caller of the description"));
        }
    }

    private ByteBuf checkedDescription(DescriptionAccess access, Frame.Describe describe, int peerMaxMessageSize) {
        try {
            access.checkDescription(describe.metadata());
        }
        catch (RpcException ex) {
            return FrameCodec.descriptionRefused(this.context.alloc(), describe.id(), ex.getStatus(),
                    ex.getDescription());
        }
        catch (RuntimeException ex) {
            logger.error("Checking the caller of a service description from {} failed", remoteAddress(), ex);
            return FrameCodec.descriptionRefused(this.context.alloc(), describe.id(), RpcStatus.INTERNAL,
                    "checking the caller of the service description failed");
        }
        return description(describe, peerMaxMessageSize);
    }

    private ByteBuf description(Frame.Describe describe, int peerMaxMessageSize) {
        byte[] contract;
        try {
            contract = this.server.registry().descriptions().describe(describe.services());
        }
        catch (RuntimeException ex) {
            logger.warn("Cannot describe services {} to {}: {}", describe.services(), remoteAddress(), ex.toString());
            contract = new byte[0];
        }
        if (contract.length + FrameCodec.HEADER_AFTER_LENGTH > peerMaxMessageSize) {
            logger.debug("The description of {} ({} bytes) is larger than {} reads", describe.services(),
                    contract.length, remoteAddress());
            contract = new byte[0];
        }
        return FrameCodec.description(this.context.alloc(), describe.id(), contract);
    }

    private void writeControlFrame(Channel channel, ByteBuf frame) {
        if (!channel.isActive()) {
            this.queuedControlFrames--;
            frame.release();
            return;
        }
        channel.write(frame).addListener(this.controlFrameWritten);
    }

    private void onRequest(RequestFrame request) {
        int id = request.id();
        if (id <= 0 || id <= this.lastRequestId) {
            request.payload().release();
            violation((id <= 0) ? "request id " + id + " is not positive"
                    : "request id " + id + " is not greater than the previous request's id " + this.lastRequestId);
            return;
        }
        this.lastRequestId = id;
        if (this.peerGoneAway) {
            request.payload().release();
            violation("request id " + id + " came after the client's GO_AWAY");
            return;
        }
        if (this.goAwaySent || this.server.isDraining()) {
            refuseAsDraining(request);
            return;
        }
        this.lastAcceptedId = id;
        if (!request.metadata().isEmpty() && MetadataSize.of(request.metadata()) > MetadataSize.MAX_BYTES) {
            request.payload().release();
            respondError(id, RpcStatus.RESOURCE_EXHAUSTED, "request metadata of " + MetadataSize.of(request.metadata())
                    + " bytes is over the limit of " + MetadataSize.MAX_BYTES + " bytes");
            return;
        }
        if (!this.server.codec().supports(request.format())) {
            request.payload().release();
            respondError(id, RpcStatus.INVALID_ARGUMENT,
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
            respondError(id, RpcStatus.NOT_FOUND, reason);
            return;
        }
        if (method.descriptor().shape().isStreaming() != request.stream()) {
            request.payload().release();
            respondError(id, RpcStatus.INVALID_ARGUMENT, streamMismatch(method.descriptor(), request.stream()));
            return;
        }
        if (this.running.size() >= this.server.maxConcurrentCallsPerConnection()) {
            request.payload().release();
            refuse(id, RpcStatus.RESOURCE_EXHAUSTED,
                    "the connection has " + this.server.maxConcurrentCallsPerConnection()
                            + " calls in flight, the most it may have (MAX_CONCURRENT_CALLS in the server's settings)");
            return;
        }
        if (!this.server.tryCallStarted()) {
            refuseAsDraining(request);
            return;
        }
        ServerCall call = new ServerCall(this, method, request,
                request.format().isIn(this.peerFormats) ? request.format() : PayloadFormat.JSON);
        if (request.stream()) {
            call.openStreams(this.context.executor(), this.server.streamWindow());
        }
        this.running.put(id, call);
        call.startDeadline(this.context.executor());
        if (method.runsOnEventLoop()) {
            call.invocation().run();
            return;
        }
        try {
            this.server.executor().execute(call.invocation());
        }
        catch (RejectedExecutionException ex) {
            this.running.remove(id);
            this.server.callFinished();
            call.stopDeadline();
            request.payload().release();
            refuse(id, RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the call");
        }
    }

    private String streamMismatch(MethodDescriptor method, boolean streamRequest) {
        if (streamRequest) {
            return method + " does not stream: call it with a REQUEST without the STREAM flag";
        }
        return method + " streams (" + method.shape() + "): it is called with a REQUEST that has the STREAM flag "
                + "(0x08), then MESSAGE and CREDIT frames"
                + (this.peerStreams ? "" : "; this client did not announce STREAMING in its SETTINGS");
    }

    private void refuseAsDraining(RequestFrame request) {
        request.payload().release();
        refuse(request.id(), RpcStatus.UNAVAILABLE, "the server is shutting down; the call was not run");
    }

    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    private void onOversized(ChannelHandlerContext ctx, Frame.Oversized oversized) {
        this.closing = true;
        String reason = "frame of " + oversized.length() + " bytes is over the limit of " + this.server.maxMessageSize()
                + " bytes";
        logger.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        boolean request = oversized.type() == FrameType.REQUEST;
        if (request || (oversized.type() == FrameType.MESSAGE && this.running.containsKey(oversized.id()))) {
            // a stream call's message: that call ends with the refusal (the close cancels
            // it)
            ByteBuf frame = this.encoder.error(ctx.alloc(), oversized.id(), RpcStatus.RESOURCE_EXHAUSTED, Map.of(),
                    new ErrorPayload((request ? "request " : "stream message ") + reason, null, null),
                    PayloadFormat.JSON, this.peerMaxMessageSize);
            ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        }
        else {
            ctx.close();
        }
    }

    /**
     * Ends the connection of a peer that broke the protocol: a GO_AWAY that says why,
     * then close, without waiting for a peer that may not read.
     */
    // the go-away is written before the close, which nothing waits for
    @SuppressWarnings("FutureReturnValueIgnored")
    private void violation(String reason) {
        this.closing = true;
        logFailureOnce(() -> logger.warn("Closing connection from {}: {}", remoteAddress(), reason));
        this.goAwaySent = true;
        this.context.writeAndFlush(FrameCodec.goAway(this.context.alloc(), this.lastAcceptedId, reason));
        this.context.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // reads stop while the peer leaves answers unread, so that they cannot pile up
        // without bound
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        // result streams that stopped for it request what was granted meanwhile; a
        // stream that stops again waits for the next change
        ServerStreams streams;
        while (ctx.channel().isWritable() && (streams = this.awaitingWritable.poll()) != null) {
            streams.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (this.closing || !ctx.channel().isActive()) {
            // writes that fail because the connection is closed: already said, or nothing
            // to say
            logger.debug("Error on closed connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        else if (cause instanceof IOException) {
            logger.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        else if (cause instanceof ProtocolViolationException violation) {
            violation(violation.getMessage());
            return;
        }
        else if (cause instanceof DecoderException) {
            logFailureOnce(() -> logger.warn("Closing connection from {}: malformed input: {}",
                    ctx.channel().remoteAddress(), cause.getMessage()));
        }
        else {
            logFailureOnce(() -> logger.warn("Closing connection from {} after an error", ctx.channel().remoteAddress(),
                    cause));
        }
        this.closing = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // a copy: a cancelled call leaves the map as it is cancelled
        for (ServerCall call : this.running.values().toArray(new ServerCall[0])) {
            call.cancel();
        }
        this.awaitingWritable.clear();
        ctx.fireChannelInactive();
    }

    /**
     * Ends the stream calls still running when the server's grace period is over: each is
     * answered UNAVAILABLE and its publisher cancelled; on the event loop.
     * @param message why, for the callers
     */
    void endStreams(String message) {
        for (ServerCall call : this.running.values().toArray(new ServerCall[0])) {
            if (call.streams() != null) {
                call.abort(RpcStatus.UNAVAILABLE, message);
            }
        }
    }

    // nothing waits for these writes: one that fails with an I/O error closes the channel
    // (Netty's auto-close)
    @SuppressWarnings("FutureReturnValueIgnored")
    void goAway() {
        if (!this.goAwaySent && this.context.channel().isActive()) {
            this.goAwaySent = true;
            this.context
                .writeAndFlush(FrameCodec.goAway(this.context.alloc(), this.lastAcceptedId, "server shutting down"));
        }
    }

    /**
     * Answers with an error of the protocol rather than of a call's method; in JSON,
     * which every client reads.
     */
    void respondError(int id, RpcStatus status, String message) {
        respond(this.encoder.error(this.context.alloc(), id, status, Map.of(), new ErrorPayload(message, null, null),
                PayloadFormat.JSON, this.peerMaxMessageSize));
    }

    /**
     * Refuses a call before any application code ran, and says so in the response's flags
     * ({@link io.rpcboot.internal.protocol.FrameType#FLAG_NOT_PROCESSED}): the client may
     * send it again to another server, whatever the method.
     */
    private void refuse(int id, RpcStatus status, String message) {
        respond(FrameCodec.markNotProcessed(this.encoder.error(this.context.alloc(), id, status, Map.of(),
                new ErrorPayload(message, null, null), PayloadFormat.JSON, this.peerMaxMessageSize)));
    }

    /**
     * Answers a call whose response could not be written (an allocation failed): fails
     * the call, or, when even that cannot be written, closes the connection. Logged once
     * per connection.
     */
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    void responseFailed(int id, MethodDescriptor method, Throwable failure) {
        logFailureOnce(() -> logger.warn("Could not write the response of {} to {}: {}", method, remoteAddress(),
                failure.toString()));
        try {
            respondError(id, (failure instanceof OutOfMemoryError) ? RpcStatus.RESOURCE_EXHAUSTED : RpcStatus.INTERNAL,
                    "the server could not write the response");
        }
        catch (Throwable ex) {
            this.context.channel().close();
        }
    }

    void respond(ByteBuf frame) {
        int id = frame.getInt(frame.readerIndex() + FrameCodec.LENGTH_FIELD + 2);
        if (!this.writes.enqueue((channel) -> {
            // the call's slot is free once its answer is written, before the client can
            // send the call that waited for it (the method may still be returning on its
            // thread)
            this.running.remove(id);
            writeResponse(channel, frame);
            if (this.peerGoneAway) {
                closeIfPeerDone();
            }
        })) {
            frame.release();
        }
    }

    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
    private static void writeResponse(Channel channel, ByteBuf frame) {
        if (channel.isActive()) {
            channel.write(frame, channel.voidPromise());
        }
        else {
            frame.release(); // the peer is gone: nobody reads it, and a failed write is
                             // not worth a log line
        }
    }

    /**
     * Writes a frame of a stream call (MESSAGE, CREDIT, CANCEL) after everything queued
     * before it; from any thread.
     */
    void writeFrame(ByteBuf frame) {
        if (!this.writes.enqueue(frame)) {
            frame.release();
        }
    }

    boolean isWritable() {
        return this.context.channel().isWritable();
    }

    /**
     * Tells whether a result stream may write, and when not, resumes it once the
     * connection is writable again; from the thread that runs the stream's requests.
     * @param streams the streams of the call
     * @return whether the connection is writable
     */
    boolean writableOrResume(ServerStreams streams) {
        if (isWritable()) {
            return true;
        }
        if (streams.startAwaitingWritable()) {
            this.awaitingWritable.add(streams);
        }
        // writable again between the check and the queueing: the event loop that made it
        // so may have run its resumes before this stream was queued
        return isWritable();
    }

    /**
     * A call is over; from the thread that ended it.
     * @param id the call's id
     * @param answered whether a response was queued, whose write frees the call's slot
     */
    void finished(int id, boolean answered) {
        this.server.callFinished();
        if (answered) {
            return; // the answer's write frees the call's slot
        }
        if (this.context.executor().inEventLoop()) {
            unanswered(id); // a CANCEL frees the slot before the next frame is read
        }
        else {
            this.writes.enqueue((channel) -> unanswered(id)); // the map is the event
                                                              // loop's
        }
    }

    private void unanswered(int id) {
        this.running.remove(id);
        if (this.peerGoneAway) {
            closeIfPeerDone();
        }
    }

    /**
     * After the client's GO_AWAY: closes the connection once every call it made is
     * answered, after the answers queued before; on the event loop.
     */
    private void closeIfPeerDone() {
        if (this.running.isEmpty() && !this.closing) {
            this.closing = true;
            this.writes.enqueue(
                    (channel) -> channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        }
    }

    RpcServer server() {
        return this.server;
    }

    ResponseEncoder encoder() {
        return this.encoder;
    }

    int peerMaxMessageSize() {
        return this.peerMaxMessageSize;
    }

    @Nullable SSLSession tlsSession() {
        return this.tlsSession;
    }

    SocketAddress remoteAddress() {
        return this.context.channel().remoteAddress();
    }

    ByteBufAllocator alloc() {
        return this.context.alloc();
    }

    /**
     * Acts on the connection guard's {@link CloseWhenIdle}: with no call running, tells
     * the client to go away and closes; with calls running, tells it to go away only when
     * the connection must drain (the guard asks again until the calls are done).
     */
    @Override
    // nothing waits for these writes: one that fails with an I/O error closes the channel
    // (Netty's auto-close)
    @SuppressWarnings("FutureReturnValueIgnored")
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

    private void logFailureOnce(Runnable log) {
        if (this.failureLogged.compareAndSet(false, true)) {
            log.run();
        }
    }

    private static void release(Object msg) {
        if (msg instanceof RequestFrame request) {
            request.payload().release();
        }
        else if (msg instanceof Frame.Message message) {
            message.payload().release();
        }
        else if (msg instanceof ResponseFrame response) {
            response.payload().release();
        }
        else {
            ReferenceCountUtil.release(msg);
        }
    }

}
