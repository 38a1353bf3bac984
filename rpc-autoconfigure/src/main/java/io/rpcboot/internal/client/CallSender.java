package io.rpcboot.internal.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * The write side of the calls of one {@link ClientConnection}: request ids (assigned as
 * requests are written, so they increase in write order), the calls waiting, unsent, for
 * a slot, the calls' timers, their cancels and expiries, and whether the connection takes
 * new calls. Everything but the flags that other threads read runs on the connection's
 * event loop; the {@link CallRouter} completes the calls the server answers.
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
 * takes no new calls ({@link #takesCalls()} turns false, so the endpoint opens a new
 * connection), lets the calls it has finish, and closes when none is left. Calls that
 * were queued meanwhile still get ids up to {@link Integer#MAX_VALUE}; past that, a call
 * is failed unsent.
 */
final class CallSender {

    // logs as the connection it belongs to
    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientConnection connection;

    private final EndpointAddress address;

    private final Timer timer;

    private final CallFailures failures;

    private final int drainAfterId;

    /** The calls waiting for an answer, shared with the {@link CallRouter}. */
    private final PendingCalls pending;

    /**
     * Calls written while the server's limit of calls in flight was reached, oldest
     * first.
     */
    private final Queue<ClientCall> waiting = new ArrayDeque<>();

    private int nextId;

    /**
     * The most calls the server runs at once for this connection, from its settings;
     * event loop only.
     */
    private int maxConcurrentCalls = Integer.MAX_VALUE;

    /** The connection's channel, set when it opens; event loop only. */
    @SuppressWarnings("NullAway.Init")
    private Channel channel;

    private volatile boolean goingAway;

    private volatile boolean goAwayReceived;

    private volatile String drainReason = "was replaced: its request ids ran out";

    private volatile boolean draining;

    CallSender(ClientConnection connection, EndpointAddress address, Timer timer, PendingCalls pending,
            CallFailures failures, int firstRequestId, int drainAfterId) {
        this.connection = connection;
        this.address = address;
        this.timer = timer;
        this.pending = pending;
        this.failures = failures;
        this.nextId = firstRequestId;
        this.drainAfterId = drainAfterId;
    }

    /** The connection opened: on the event loop, before any call is written. */
    void opened(Channel channel) {
        this.channel = channel;
    }

    /**
     * Keeps to the server's limit of calls in flight, from its settings.
     * @param maxConcurrentCalls the MAX_CONCURRENT_CALLS the server announced
     */
    void limit(int maxConcurrentCalls) {
        // a server announcing 0 would refuse every call: one at a time lets its answers
        // through
        this.maxConcurrentCalls = Math.max(1, maxConcurrentCalls);
    }

    /** Returns whether new calls may start: neither going away nor draining. */
    boolean takesCalls() {
        return !this.goingAway && !this.draining;
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
     * thread. The close itself is {@link #closeIfDrained()}.
     */
    void drain(String reason) {
        this.drainReason = reason;
        this.draining = true;
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
                call.completeExceptionally(this.failures.expiredWhileWaiting(call, this.maxConcurrentCalls));
                continue;
            }
            ClientCall.setTimeLeft(request, remainingNanos);
            send(call, request);
            sent = true;
        }
        return sent;
    }

    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
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
            streams.started(this.connection, id);
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
        call.completeExceptionally(this.channel.isActive() || this.draining ? this.failures.notSent(call)
                : this.failures.closedBeforeSent(call));
    }

    /**
     * Writes credit the server granted a stream call's results, or keeps it for the
     * request when that is not written yet; on the event loop.
     */
    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
    void credit(ClientCall call, long count) {
        if (call.id == 0) {
            call.unsentCredit += count;
        }
        else if (this.pending.get(call.id) == call) {
            this.channel.write(FrameCodec.credit(this.channel.alloc(), call.id, count), this.channel.voidPromise());
        }
    }

    /** The expiry of a call's deadline: on the event loop. */
    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
    void expire(ClientCall call) {
        if (call.id == 0) {
            ByteBuf request = call.takeRequest();
            if (request != null) { // still waiting for a slot: never sent
                request.release();
                call.completeExceptionally(this.failures.expiredWhileWaiting(call, this.maxConcurrentCalls));
            }
            return;
        }
        if (this.pending.remove(call.id) != null) {
            call.completeExceptionally(this.failures.expired(call));
            this.channel.write(FrameCodec.cancel(this.channel.alloc(), call.id), this.channel.voidPromise());
            sendWaiting();
            closeIfDrained();
        }
    }

    /**
     * The cancel of a call its caller abandoned: on the event loop, after the call's
     * write, so it finds the call either written (and tells the server to stop it) or
     * dropped unsent.
     */
    // void-promise writes: a failed write reaches exceptionCaught, which closes the
    // connection
    @SuppressWarnings("FutureReturnValueIgnored")
    void cancel(ClientCall call) {
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
            // its slot is free for the next call once the cancel is written, as a reset
            // HTTP/2 stream's
            this.channel.write(FrameCodec.cancel(this.channel.alloc(), call.id), this.channel.voidPromise());
            sendWaiting();
            closeIfDrained();
        }
    }

    /**
     * A call left the table of calls in flight: sends the calls waiting for its slot, or
     * closes a drained connection; on the event loop.
     * @return whether requests were written, to flush
     */
    boolean slotFreed() {
        boolean sent = sendWaiting();
        closeIfDrained();
        return sent;
    }

    /** Closes a draining connection once its last call is answered: on the event loop. */
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    void closeIfDrained() {
        if (this.draining && this.pending.isEmpty() && this.waiting.isEmpty() && this.channel.isActive()) {
            this.failures.closeReason(this.drainReason);
            logger.debug("{}: drained, closing", this.address);
            this.channel.close();
        }
    }

    /** The server sent a go-away: the connection takes no more calls. */
    void goAwayReceived() {
        this.goingAway = true;
        this.goAwayReceived = true;
    }

    /** The connection is closing: it takes no more calls. */
    void closing() {
        this.goingAway = true;
    }

    /**
     * Fails the calls waiting for a slot, which were never sent: on a go-away or close.
     */
    void failWaiting(boolean closed) {
        ClientCall call;
        while ((call = this.waiting.poll()) != null) {
            ByteBuf request = call.takeRequest();
            if (request != null) {
                request.release();
                cancelTimeout(call);
                call.completeExceptionally(closed ? this.failures.closedBeforeSent(call) : this.failures.notSent(call));
            }
        }
    }

    private static void release(@Nullable ByteBuf request) {
        if (request != null) {
            request.release();
        }
    }

    static void cancelTimeout(ClientCall call) {
        if (call.timeout != null) {
            call.timeout.cancel();
        }
    }

}
