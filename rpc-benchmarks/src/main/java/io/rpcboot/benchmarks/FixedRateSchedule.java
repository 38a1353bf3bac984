package io.rpcboot.benchmarks;

import java.time.Duration;

/**
 * When each call of a fixed-rate load is meant to start: call {@code i} at
 * {@code start + i / rate}, whatever the latency of the calls before it (an open loop, as
 * wrk2 drives it). A call's latency is counted from its intended start, so a call that
 * waited for a free sender behind slow answers counts that wait.
 *
 * @param startNanos the intended start of the first call, in {@link System#nanoTime()}
 * @param callsPerSecond the rate
 */
record FixedRateSchedule(long startNanos, double callsPerSecond) {

    FixedRateSchedule {
        if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("The rate must be a positive number of calls/s, not " + callsPerSecond);
        }
    }

    /**
     * Returns the intended start of a call; computed from the first call's start, so that
     * rounding does not add up over the calls.
     * @param call the call's position, from 0
     * @return its intended start, in {@link System#nanoTime()}
     */
    long intendedStart(long call) {
        return this.startNanos + Math.round(call * 1e9 / this.callsPerSecond);
    }

    /**
     * Returns the calls made at a rate during a time, at least one.
     * @param callsPerSecond the rate
     * @param time the time
     * @return the calls
     */
    static long calls(double callsPerSecond, Duration time) {
        return Math.max(1, Math.round(callsPerSecond * time.toNanos() / 1e9));
    }

}
