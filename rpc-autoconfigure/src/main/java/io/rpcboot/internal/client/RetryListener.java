package io.rpcboot.internal.client;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcStatus;

/**
 * Told of every failed attempt that could have been retried, and of what became of it:
 * metrics and observations are made of it, outside the transport.
 */
@FunctionalInterface
public interface RetryListener {

    /** A listener that does nothing. */
    RetryListener NONE = (event, call) -> {
    };

    /**
     * Called on the thread that decided, after an attempt failed.
     * @param event what failed and what became of it
     * @param call the call as interceptors see it, {@code null} without interceptors
     */
    void attemptFailed(RetryEvent event, @Nullable RpcCall call);

    /**
     * A failed attempt and its outcome.
     *
     * @param service the logical service name
     * @param interfaceName the called interface's fully qualified name
     * @param method the method's name
     * @param attempt the number of the attempt that failed, from 1
     * @param status the status it failed with
     * @param notProcessed whether it provably never reached application code
     * @param outcome whether it was retried, or why not
     */
    record RetryEvent(String service, String interfaceName, String method, int attempt, RpcStatus status,
            boolean notProcessed, RetryOutcome outcome) {
    }

}
