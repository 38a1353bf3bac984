package io.rpcboot.internal.protocol;

import java.util.Map;

import io.rpcboot.RpcContext;

/**
 * The runtime's {@link RpcContext}: the one place that may make a call's context current.
 * Created when the call is received, so that its deadline's timer and a cancel can mark
 * it cancelled from any thread while the call runs.
 */
public final class CallContext extends RpcContext {

    private volatile boolean cancelled;

    /**
     * Creates the context of a call being served.
     * @param deadlineNanos the deadline in {@link System#nanoTime()} terms, ignored
     * without one
     * @param hasDeadline whether the call has a deadline
     * @param requestMetadata the metadata the caller sent
     */
    public CallContext(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
        super(deadlineNanos, hasDeadline, requestMetadata);
    }

    /**
     * Makes the context of a call being served current on this thread until the scope is
     * closed.
     * @param deadlineNanos the deadline in {@link System#nanoTime()} terms, ignored
     * without one
     * @param hasDeadline whether the call has a deadline
     * @param requestMetadata the metadata the caller sent
     * @return the scope that restores the previous context
     */
    public static Scope enter(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
        return new CallContext(deadlineNanos, hasDeadline, requestMetadata).enter();
    }

    /**
     * Makes this context current on this thread until the scope is closed.
     * @return the scope that restores the previous context
     */
    public Scope enter() {
        return attach(this);
    }

    /**
     * Marks the call cancelled: the server no longer waits for its outcome. From any
     * thread.
     */
    public void cancel() {
        this.cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return this.cancelled;
    }

}
