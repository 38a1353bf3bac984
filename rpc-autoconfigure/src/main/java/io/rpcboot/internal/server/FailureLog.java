package io.rpcboot.internal.server;

import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.internal.protocol.MethodDescriptor;

/**
 * Logs the undeclared failures of one exported method without letting callers flood the
 * log: the first failure of each exception type at WARN with its stack trace, then at
 * most one WARN line per interval with the number of failures of that type since the last
 * line; each of those later failures at DEBUG with its stack trace.
 */
final class FailureLog {

    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    // the invocation's logger: operators configure the level of the server's call
    // failures there
    private static final Logger logger = LoggerFactory.getLogger(ServerInvocation.class);

    private final MethodDescriptor method;

    private final ConcurrentMap<Class<?>, Tally> tallies = new ConcurrentHashMap<>();

    FailureLog(MethodDescriptor method) {
        this.method = method;
    }

    /**
     * Logs that a call failed with an exception its method does not declare.
     * @param failure what the implementation threw
     * @param caller the remote address
     */
    void undeclared(Throwable failure, @Nullable SocketAddress caller) {
        Class<?> type = failure.getClass();
        Tally tally = this.tallies.get(type);
        if (tally == null) {
            Tally first = new Tally(System.nanoTime());
            tally = this.tallies.putIfAbsent(type, first);
            if (tally == null) {
                logger.warn(
                        "{} failed with APPLICATION_ERROR (undeclared {}) for a call from {}; further "
                                + "failures of this type are counted and logged once a minute, each at DEBUG",
                        this.method, type.getName(), caller, failure);
                return;
            }
        }
        tally.count.incrementAndGet();
        long now = System.nanoTime();
        long since = tally.reportedAt.get();
        if (now - since >= REPORT_INTERVAL_NANOS && tally.reportedAt.compareAndSet(since, now)) {
            logger.warn(
                    "{} failed with APPLICATION_ERROR (undeclared {}) {} times in the last {} s, the last "
                            + "for a call from {}",
                    this.method, type.getName(), tally.count.getAndSet(0), TimeUnit.NANOSECONDS.toSeconds(now - since),
                    caller);
        }
        if (logger.isDebugEnabled()) {
            logger.debug("{} failed with APPLICATION_ERROR (undeclared {}) for a call from {}", this.method,
                    type.getName(), caller, failure);
        }
    }

    /** Failures of one exception type since the last line about them. */
    private static final class Tally {

        final AtomicLong count = new AtomicLong();

        final AtomicLong reportedAt;

        Tally(long reportedAt) {
            this.reportedAt = new AtomicLong(reportedAt);
        }

    }

}
