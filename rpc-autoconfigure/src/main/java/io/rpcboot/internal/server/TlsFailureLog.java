package io.rpcboot.internal.server;

import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the connections that fail their TLS handshake without letting strangers flood the
 * log: one WARN line, without a stack trace, for the first failure of each reason, then
 * at most one per interval with the number of failures since; each failure at DEBUG.
 */
final class TlsFailureLog {

    private static final Logger logger = LoggerFactory.getLogger(TlsFailureLog.class);

    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Reasons tracked at most; a peer cannot grow the map by varying its failures. */
    private static final int MAX_REASONS = 64;

    private final ConcurrentMap<String, Tally> tallies = new ConcurrentHashMap<>();

    /**
     * Logs that a connection failed its TLS handshake.
     * @param peer the remote address
     * @param reason why, as {@link io.rpcboot.internal.protocol.TlsFailures} explains it
     */
    void failed(@Nullable SocketAddress peer, String reason) {
        Tally tally = this.tallies.get(reason);
        if (tally == null && this.tallies.size() < MAX_REASONS) {
            Tally first = new Tally(System.nanoTime());
            tally = this.tallies.putIfAbsent(reason, first);
            if (tally == null) {
                logger.warn("TLS handshake with {} failed: {}; further failures for this reason are counted and"
                        + " logged once a minute, each at DEBUG", peer, reason);
                return;
            }
        }
        if (tally != null) {
            tally.count.incrementAndGet();
            long now = System.nanoTime();
            long since = tally.reportedAt.get();
            if (now - since >= REPORT_INTERVAL_NANOS && tally.reportedAt.compareAndSet(since, now)) {
                logger.warn("TLS handshake failed {} times in the last {} s, the last with {}: {}",
                        tally.count.getAndSet(0), TimeUnit.NANOSECONDS.toSeconds(now - since), peer, reason);
                return;
            }
        }
        logger.debug("TLS handshake with {} failed: {}", peer, reason);
    }

    /** Failures of one reason since the last line about them. */
    private static final class Tally {

        final AtomicLong count = new AtomicLong();

        final AtomicLong reportedAt;

        Tally(long reportedAt) {
            this.reportedAt = new AtomicLong(reportedAt);
        }

    }

}
