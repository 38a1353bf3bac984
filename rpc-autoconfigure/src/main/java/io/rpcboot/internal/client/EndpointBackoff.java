package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long an endpoint that refused or dropped a connection is left alone before the next
 * attempt: exponential in the failures in a row, capped, with jitter so that the clients
 * of a restarted server do not come back at the same instant.
 *
 * @param initial the delay after the first failure
 * @param max the longest delay
 * @param jitter the relative spread of each delay, such as 0.2 for ±20%
 */
public record EndpointBackoff(Duration initial, Duration max, double jitter) {

    /** One second doubling to thirty, ±20%. */
    public static final EndpointBackoff DEFAULT = new EndpointBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            0.2);

    /**
     * Validates the settings.
     */
    public EndpointBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("Invalid endpoint backoff: " + initial + " to " + max + " ±" + jitter);
        }
    }

    /**
     * Returns the delay before the next attempt.
     * @param failures the failures in a row, at least one
     * @return the delay in nanoseconds
     */
    long delayNanos(int failures) {
        long base = this.initial.toNanos();
        long max = this.max.toNanos();
        int doublings = Math.min(failures - 1, 62);
        long delay = (doublings >= Long.numberOfLeadingZeros(base) - 1) ? max : Math.min(max, base << doublings);
        double spread = 1 + this.jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return (long) (delay * spread);
    }

}
