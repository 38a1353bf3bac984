package io.rpcboot.benchmarks.soak;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.Measurement;

/**
 * One phase of the soak: what the well-behaved load measured and the server's state at
 * its end.
 *
 * @param name the phase's name
 * @param load the load's measurement, {@code null} when the phase did not run (the server
 * had ended)
 * @param server the server's memory and counters at the end, empty when it did not answer
 * @param log what the server printed during the phase
 * @param serverAlive whether the server ran at the end of the phase
 */
record PhaseResult(String name, @Nullable Measurement load, Map<String, Long> server, LogCounts log,
        boolean serverAlive) {

    /**
     * Returns the calls that were answered correctly.
     * @return the count
     */
    long answered() {
        Measurement measured = this.load;
        return (measured != null) ? Math.max(0, measured.calls() - measured.errors()) : 0;
    }

}
