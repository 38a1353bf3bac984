package io.rpcboot.internal.protocol;

import java.util.Map;

import io.rpcboot.RpcContext;

/**
 * The runtime's {@link RpcContext}: the one place that may make a call's context current.
 */
public final class CallContext extends RpcContext {

    private CallContext(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
        super(deadlineNanos, hasDeadline, requestMetadata);
    }

    /**
     * Makes the context of a call being served current on this thread until the scope is closed.
     * @param deadlineNanos the deadline in {@link System#nanoTime()} terms, ignored without one
     * @param hasDeadline whether the call has a deadline
     * @param requestMetadata the metadata the caller sent
     * @return the scope that restores the previous context
     */
    public static Scope enter(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
        return attach(new CallContext(deadlineNanos, hasDeadline, requestMetadata));
    }

}
