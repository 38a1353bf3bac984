package io.rpcboot;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The context of the call being served on the current thread: its deadline and the metadata the
 * caller sent. Calls made while serving a call inherit its deadline when it is the smaller one.
 */
public final class RpcContext {

    private static final ThreadLocal<RpcContext> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;

    private final boolean hasDeadline;

    private final Map<String, String> requestMetadata;

    /**
     * Creates a context.
     * @param deadlineNanos the deadline in {@link System#nanoTime()} terms, ignored without one
     * @param hasDeadline whether the call has a deadline
     * @param requestMetadata the metadata the caller sent
     */
    public RpcContext(long deadlineNanos, boolean hasDeadline, Map<String, String> requestMetadata) {
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
     * Makes a context current on this thread until the returned scope is closed.
     * @param context the context of the call about to run
     * @return the scope that restores the previous context
     */
    public static Scope attach(RpcContext context) {
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
    public boolean hasDeadline() {
        return this.hasDeadline;
    }

    /**
     * Returns the deadline in {@link System#nanoTime()} terms; meaningful only when
     * {@link #hasDeadline()}.
     * @return the deadline
     */
    public long deadlineNanos() {
        return this.deadlineNanos;
    }

    /**
     * Returns the time left before the call's deadline.
     * @return the remaining time, or {@code null} without a deadline
     */
    public @Nullable Duration remainingTime() {
        return this.hasDeadline ? Duration.ofNanos(this.deadlineNanos - System.nanoTime()) : null;
    }

    /**
     * Returns the metadata the caller sent with the call.
     * @return the request metadata
     */
    public Map<String, String> requestMetadata() {
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
