package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * Routes what the server sends about calls of a {@link ClientConnection} to the calls in
 * flight: responses, stream messages, credit and cancels; and fails the calls that a
 * go-away, an over-large frame or the close leaves without an answer. Event loop only.
 */
final class CallRouter {

    // logs as the connection it belongs to
    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);

    private final EndpointAddress address;

    private final PendingCalls pending;

    private final CallSender sender;

    private final CallFailures failures;

    CallRouter(EndpointAddress address, PendingCalls pending, CallSender sender, CallFailures failures) {
        this.address = address;
        this.pending = pending;
        this.sender = sender;
        this.failures = failures;
    }

    /** Returns whether calls wait for an answer. */
    boolean inFlight() {
        return !this.pending.isEmpty();
    }

    /**
     * Completes the call of a response, or drops a late one; on the event loop.
     * @return whether calls waiting for the slot were written, to flush
     */
    boolean answer(ResponseFrame response) {
        ClientCall call = this.pending.remove(response.id());
        if (call == null) {
            response.payload().release(); // the caller gave up: a late answer is dropped
            return false;
        }
        CallSender.cancelTimeout(call);
        call.answer(response);
        return this.sender.slotFreed();
    }

    /** Hands a stream message to its call, or drops it when the caller gave up. */
    void message(Frame.Message message) {
        ClientStreamCall streams = streams(message.id());
        if (streams != null) {
            streams.message(message);
        }
        else {
            message.payload().release(); // the caller gave up: dropped
        }
    }

    /** Grants a stream call more messages of its stream argument. */
    void credit(Frame.Credit credit) {
        ClientStreamCall streams = streams(credit.id());
        if (streams != null) {
            streams.granted(credit.count());
        }
    }

    /** The server reads no more of a call's stream argument. */
    void cancelled(Frame.Cancel cancel) {
        ClientStreamCall streams = streams(cancel.id());
        if (streams != null) {
            streams.peerCancelled();
        }
    }

    private @Nullable ClientStreamCall streams(int id) {
        ClientCall call = this.pending.get(id);
        return (call != null) ? call.streams : null;
    }

    /** The connection is writable again: stream arguments request what was granted. */
    void resumeStreams() {
        this.pending.forEach((id, call) -> {
            ClientStreamCall streams = call.streams;
            if (streams != null) {
                streams.resume(); // stream arguments request what was granted meanwhile
            }
        });
    }

    /**
     * Fails the call in flight a response or stream message over the client's limit
     * belongs to; the connection then closes.
     */
    void tooLarge(Frame.Oversized oversized) {
        String reason = this.failures.tooLarge(oversized);
        logger.warn("Closing connection to {}: {}", this.address, reason);
        if (oversized.type() == FrameType.RESPONSE || oversized.type() == FrameType.MESSAGE) {
            ClientCall call = this.pending.remove(oversized.id());
            if (call != null) {
                CallSender.cancelTimeout(call);
                call.completeExceptionally(new RpcException(RpcStatus.RESOURCE_EXHAUSTED, reason));
            }
        }
    }

    /**
     * Fails, as not processed, the calls the server's go-away did not accept and those
     * waiting for a slot.
     * @param lastAcceptedId the last request id the server runs
     */
    // the removed call is completed right after, as not processed
    @SuppressWarnings("FutureReturnValueIgnored")
    void failUnprocessed(int lastAcceptedId) {
        List<ClientCall> unprocessed = new ArrayList<>();
        this.pending.forEach((id, call) -> {
            if (id > lastAcceptedId) {
                unprocessed.add(call);
            }
        });
        for (ClientCall call : unprocessed) {
            this.pending.remove(call.id);
            CallSender.cancelTimeout(call);
            call.completeExceptionally(this.failures.notSent(call));
        }
        this.sender.failWaiting(false);
    }

    /** The connection closed: fails the calls waiting for a slot and those in flight. */
    void failAll() {
        this.sender.failWaiting(true);
        if (!this.pending.isEmpty()) {
            List<ClientCall> calls = new ArrayList<>(this.pending.values());
            this.pending.clear();
            for (ClientCall call : calls) {
                CallSender.cancelTimeout(call);
                call.completeExceptionally(this.failures.closed());
            }
        }
    }

}
