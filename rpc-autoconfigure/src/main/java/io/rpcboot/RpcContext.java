package io.rpcboot;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The context of the call being served on the current thread: its deadline and the
 * metadata the caller sent. Calls made while serving a call inherit its deadline when it
 * is the smaller one. The runtime creates and attaches contexts; applications read them
 * with {@link #current()}.
 */
public abstract class RpcContext {

    private static final ThreadLocal<RpcContext> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;

    private final boolean hasDeadline;

    private final Map<String, String> requestMetadata;

    /**
     * Creates a context; for the runtime's own subclass (and tests of code that reads
     * contexts).
     * @param deadlineNanos the deadline in {@link System#nanoTime()} terms, ignored
     * without one
     * @param hasDeadline whether the call has a deadline
     * @param requestMetadata the metadata the caller sent
     */
    protected RpcContext(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = hasDeadline;
        this.requestMetadata = requestMetadata;
    }

    /**
     * Returns the context of the call being served on this thread.
     * @return the context, or {@code null} when the thread serves no call
     */
    public static @Nullable RpcContext current() {
        return CURRENT.get();
    }

    /**
     * Makes a context current on this thread until the returned scope is closed; for the
     * runtime, which attaches the context of each call it serves.
     * @param context the context of the call about to run
     * @return the scope that restores the previous context
     */
    protected static Scope attach(RpcContext context) {
        RpcContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> {
            if (previous != null) {
                CURRENT.set(previous);
            }
            else {
                CURRENT.remove();
            }
        };
    }

    /**
     * Returns whether the call has a deadline.
     * @return whether it has one
     */
    public final boolean hasDeadline() {
        return this.hasDeadline;
    }

    /**
     * Returns the deadline in {@link System#nanoTime()} terms; meaningful only when
     * {@link #hasDeadline()}.
     * @return the deadline
     */
    public final long deadlineNanos() {
        return this.deadlineNanos;
    }

    /**
     * Returns the time left before the call's deadline.
     * @return the remaining time, or {@code null} without a deadline
     */
    public final @Nullable Duration remainingTime() {
        return this.hasDeadline ? Duration.ofNanos(this.deadlineNanos - System.nanoTime()) : null;
    }

    /**
     * Returns whether the server stopped waiting for this call: its deadline passed (the
     * caller has been answered {@link RpcStatus#DEADLINE_EXCEEDED}), the caller cancelled
     * it, or its connection closed. The method is not interrupted by a deadline: a
     * long-running method checks this to stop work whose result nobody reads; calls it
     * makes through rpcboot then fail at once.
     * @return whether the call is cancelled; {@code false} for contexts not made by the
     * runtime
     */
    public boolean isCancelled() {
        return false;
    }

    /**
     * Returns the metadata the caller sent with the call.
     * @return the request metadata
     */
    public final Map<String, String> requestMetadata() {
        return this.requestMetadata;
    }

    /**
     * Restores the previous context when closed.
     */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();

    }

}
