package io.rpcboot.internal.client;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * Decides, for one service, whether a failed attempt is sent again. An attempt that
 * provably never reached application code (the endpoint refused the connection, the
 * request was never written, the server's transport refused it or named it unprocessed)
 * goes to another endpoint at once, whatever the method, once per endpoint. An attempt
 * that failed with {@code UNAVAILABLE} after it was sent (connection lost, the server or
 * its application answered {@code UNAVAILABLE}) is sent again only for an idempotent
 * method, after an exponential backoff with jitter, up to the policy's attempts. Every
 * retry is taken from the service's {@link RetryBudget} and must start before the
 * deadline.
 */
final class Retries {

    /** The backoff before the first retry of a call that may have been processed. */
    static final long INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    /** The longest backoff. */
    static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final String service;

    private final Connections connections;

    private final ServicePolicy policy;

    private final RetryBudget budget;

    private final RetryListener listener;

    private final Timer timer;

    Retries(String service, Connections connections, ServicePolicy policy, RetryListener listener, Timer timer) {
        this.service = service;
        this.connections = connections;
        this.policy = policy;
        this.budget = new RetryBudget(policy.retryBudget(), policy.minRetriesPerSecond());
        this.listener = listener;
        this.timer = timer;
    }

    Timer timer() {
        return this.timer;
    }

    /**
     * Counts a call in the budget.
     * @param nowNanos when it starts, by {@link System#nanoTime()}
     */
    void callMade(long nowNanos) {
        this.budget.callMade(nowNanos);
    }

    /**
     * Decides after an attempt that failed without an answer.
     * @param method the method called
     * @param state the call's retry state, {@code null} before its first retry
     * @param failure the failure
     * @param endpoint the endpoint of the attempt, when known
     * @param deadline the call's deadline, by {@link System#nanoTime()}
     * @param call the call as interceptors see it, or {@code null}
     * @return the state for the next attempt, or {@code null} when the call fails
     */
    @Nullable RetryState afterFailure(ClientMethod method, @Nullable RetryState state, RuntimeException failure,
            @Nullable EndpointAddress endpoint, long deadline, @Nullable RpcCall call) {
        if (failure instanceof NotProcessedException notProcessed) {
            EndpointAddress named = notProcessed.endpoint();
            return decide(method, state, RpcStatus.UNAVAILABLE, true, (named != null) ? named : endpoint, deadline,
                    call);
        }
        if (failure instanceof RpcException rpcException) {
            return decide(method, state, rpcException.getStatus(), false, endpoint, deadline, call);
        }
        return null;
    }

    /**
     * Decides after an attempt answered with an error status.
     * @param method the method called
     * @param state the call's retry state, {@code null} before its first retry
     * @param response the answer
     * @param endpoint the endpoint of the attempt
     * @param deadline the call's deadline, by {@link System#nanoTime()}
     * @param call the call as interceptors see it, or {@code null}
     * @return the state for the next attempt, or {@code null} when the answer stands
     */
    @Nullable RetryState afterAnswer(ClientMethod method, @Nullable RetryState state, ResponseFrame response,
            EndpointAddress endpoint, long deadline, @Nullable RpcCall call) {
        return decide(method, state, response.status(), response.notProcessed(), endpoint, deadline, call);
    }

    private @Nullable RetryState decide(ClientMethod method, @Nullable RetryState state, RpcStatus status,
            boolean notProcessed, @Nullable EndpointAddress endpoint, long deadline, @Nullable RpcCall call) {
        boolean mayRetryProcessed = status == RpcStatus.UNAVAILABLE && method.isIdempotent();
        if (!notProcessed && !mayRetryProcessed) {
            return null;
        }
        RetryState retry = (state != null) ? state : new RetryState();
        retry.tried.add(endpoint);
        RetryOutcome outcome = null;
        long delay = 0;
        if (notProcessed && endpoint == null) {
            outcome = RetryOutcome.NO_ENDPOINT; // no endpoint at all was available
        }
        else if (!notProcessed || !this.connections.hasUntried(retry.tried)) {
            if (!mayRetryProcessed) {
                outcome = RetryOutcome.NO_ENDPOINT;
            }
            else if (++retry.possiblyProcessed >= this.policy.maxAttempts()) {
                outcome = RetryOutcome.ATTEMPTS_EXHAUSTED;
            }
            else {
                delay = backoff(retry.possiblyProcessed);
            }
        }
        long now = System.nanoTime();
        if (outcome == null && deadline - now - delay <= 0) {
            outcome = RetryOutcome.DEADLINE;
        }
        if (outcome == null && !this.budget.tryRetry(now)) {
            outcome = RetryOutcome.BUDGET_EXHAUSTED;
        }
        if (outcome == null) {
            outcome = RetryOutcome.RETRIED;
        }
        this.listener.attemptFailed(new RetryListener.RetryEvent(this.service, method.descriptor().serviceName(),
                method.descriptor().method().getName(), retry.attempt, status, notProcessed, outcome), call);
        if (outcome != RetryOutcome.RETRIED) {
            return null;
        }
        retry.attempt++;
        retry.delayNanos = delay;
        return retry;
    }

    /**
     * The wait before retry {@code n}: exponential, with jitter that spreads the retries
     * of clients that failed together.
     */
    private static long backoff(int retry) {
        long cap = Math.min(MAX_BACKOFF_NANOS, INITIAL_BACKOFF_NANOS << Math.min(retry - 1, 16));
        return ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }

}
