package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.WriteQueue;

/**
 * One call on one connection, from its encoded request to its answer.
 *
 * <p>
 * Life cycle. The caller's thread encodes the request and queues the call on its
 * connection's {@link WriteQueue}; from then on the connection's event loop owns
 * everything but the outcome: the request id, the entry in the connection's table of
 * calls waiting for an answer, and the deadline's timer. Each transition is a command on
 * that queue or runs on that loop: the write (this object itself), the cancel after the
 * caller abandoned the call, the expiry of the deadline (the timer thread queues it), the
 * response and the connection's go-away or close (both read on the loop). Commands run in
 * the order they were queued, so a cancel never overtakes the write it cancels: a call
 * abandoned before its write ran is never sent. When the server already runs as many of
 * the connection's calls as its settings allow (MAX_CONCURRENT_CALLS), the write command
 * starts the deadline's timer and leaves the call waiting in the connection's queue,
 * still unsent and without an id, until an answer, a cancel or an expiry frees a slot;
 * the same commands find it there.
 *
 * <p>
 * The outcome is this future, completed once: with the response on the event loop, or
 * exceptionally with an {@link RpcException} by the loop (deadline, go-away, close) or by
 * the caller ({@link #abandon}). Ownership of a response's payload follows that single
 * completion: once the response completed the call, the payload belongs to whoever
 * consumes the call's result (the invoker decodes and releases it); a response that
 * arrives after the call completed otherwise is released by the event loop. Nobody else
 * releases it.
 *
 * <p>
 * The connection counts its calls from {@link ClientConnection#start} to this completion,
 * for the balancer to compare endpoints by their calls in flight.
 */
final class ClientCall extends CompletableFuture<ResponseFrame> implements WriteQueue.Write, TimerTask {

    private final ClientConnection connection;

    private final MethodDescriptor method;

    private final long timeoutNanos;

    private final long callTimeoutNanos;

    /**
     * The encoded request until it is written or dropped; touched only on the event loop
     * after start.
     */
    private @Nullable ByteBuf request;

    /** The request id, {@code 0} until written; event loop only. */
    int id;

    /** The deadline, set when written; event loop only. */
    @Nullable Timeout timeout;

    /**
     * The streams of a stream call, {@code null} for other calls; set before the call
     * starts.
     */
    @Nullable ClientStreamCall streams;

    /** Credit granted before the request was written; event loop only. */
    long unsentCredit;

    /**
     * When the call began to wait for a free slot, by {@link System#nanoTime()}; event
     * loop only.
     */
    long waitingSinceNanos;

    /**
     * Creates a call.
     * @param connection the connection it is written to
     * @param method the method called
     * @param request the encoded request, owned by the call from now on
     * @param timeoutNanos the time left when it is sent: when it expires
     * @param callTimeoutNanos the call's whole timeout, for messages
     */
    ClientCall(ClientConnection connection, MethodDescriptor method, ByteBuf request, long timeoutNanos,
            long callTimeoutNanos) {
        this.connection = connection;
        this.method = method;
        this.request = request;
        this.timeoutNanos = timeoutNanos;
        this.callTimeoutNanos = callTimeoutNanos;
    }

    MethodDescriptor method() {
        return this.method;
    }

    long timeoutNanos() {
        return this.timeoutNanos;
    }

    long callTimeoutNanos() {
        return this.callTimeoutNanos;
    }

    /**
     * Takes the encoded request out of the call, for the event loop to write or release.
     */
    @Nullable ByteBuf takeRequest() {
        ByteBuf taken = this.request;
        this.request = null;
        return taken;
    }

    /**
     * Writes the time a request has left into its timeout field, for a request that
     * waited for a free slot: the server's deadline is then the caller's, not one the
     * wait pushed back. The field follows the frame header and the service and method
     * names (docs/protocol.md, REQUEST).
     * @param request the encoded request
     * @param remainingNanos the time the call has left, positive
     */
    static void setTimeLeft(ByteBuf request, long remainingNanos) {
        int service = request.readerIndex() + FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH;
        int method = service + 2 + request.getUnsignedShort(service);
        int timeout = method + 2 + request.getUnsignedShort(method);
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
        request.setInt(timeout, (int) Math.min(millis, 0xFFFF_FFFFL));
    }

    /** The write command: runs on the event loop. */
    @Override
    public void writeTo(Channel channel) {
        this.connection.write(this);
    }

    /** The deadline, on the timer's thread: queues the expiry. */
    @Override
    public void run(Timeout timeout) {
        this.connection.expire(this);
    }

    /**
     * Gives up the call from the caller's side, on any thread. When this completes the
     * call, the server is told to stop it (or, when the request was not written yet, it
     * never will be).
     * @param status the status the caller sees
     * @param message why
     * @return {@code true} when the call was abandoned; {@code false} when it had
     * completed first, in which case a response it completed with belongs to the caller,
     * who must consume or release it
     */
    boolean abandon(RpcStatus status, String message) {
        if (!completeExceptionally(new RpcException(status, message))) {
            return false;
        }
        this.connection.cancel(this);
        return true;
    }

    @Override
    public boolean complete(ResponseFrame response) {
        if (!super.complete(response)) {
            return false;
        }
        this.connection.callEnded();
        return true;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        if (!super.completeExceptionally(failure)) {
            return false;
        }
        this.connection.callEnded();
        return true;
    }

    /**
     * Completes the call with its response on the event loop, or releases the response
     * when the call had already completed.
     * @param response the response
     */
    void answer(ResponseFrame response) {
        if (!complete(response)) {
            response.payload().release();
        }
    }

}
