package io.rpcboot.internal.client;

import java.util.concurrent.TimeUnit;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameType;

/**
 * The failures the calls of a {@link ClientConnection} end with when no answer completes
 * them, worded for the caller, and why the connection closed; from any thread.
 */
final class CallFailures {

    private final EndpointAddress address;

    private final int maxMessageSize;

    private volatile String closeReason = "closed";

    CallFailures(EndpointAddress address, int maxMessageSize) {
        this.address = address;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Names why the connection closes.
     * @param reason completes "the connection to ... "
     */
    void closeReason(String reason) {
        this.closeReason = reason;
    }

    /** A call that the server going away, or the connection draining, left unsent. */
    RpcException notSent(ClientCall call) {
        return new NotProcessedException(this.address,
                this.address + " is shutting down; the call to " + call.method() + " was not processed");
    }

    /** A call that the connection closed before it was sent. */
    RpcException closedBeforeSent(ClientCall call) {
        return new NotProcessedException(this.address, "the connection to " + this.address + " " + this.closeReason
                + " before the call to " + call.method() + " was sent; it was not processed");
    }

    /** A call whose deadline passed while it waited for the answer. */
    RpcException expired(ClientCall call) {
        return new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                "call to " + call.method() + " did not complete within its timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(call.callTimeoutNanos()) + "ms");
    }

    /** A call whose deadline passed while it waited, unsent, for a slot. */
    RpcException expiredWhileWaiting(ClientCall call, int maxConcurrentCalls) {
        return new RpcException(RpcStatus.DEADLINE_EXCEEDED, "call to " + call.method()
                + " did not complete within its timeout of " + TimeUnit.NANOSECONDS.toMillis(call.callTimeoutNanos())
                + "ms; it was never sent: the server's limit of " + maxConcurrentCalls
                + " calls in flight on the connection to " + this.address + " (MAX_CONCURRENT_CALLS) was reached");
    }

    /** The calls in flight, and the handshake, when the connection closed. */
    RpcException closed() {
        return new RpcException(RpcStatus.UNAVAILABLE, "the connection to " + this.address + " " + this.closeReason);
    }

    /**
     * Returns why a response or stream message over the client's limit closes the
     * connection.
     */
    String tooLarge(Frame.Oversized oversized) {
        return ((oversized.type() == FrameType.MESSAGE) ? "a stream message of " : "the response of ")
                + oversized.length() + " bytes is over the client's limit of " + this.maxMessageSize
                + " bytes (rpc.client.max-message-size)";
    }

}
