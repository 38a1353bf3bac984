package io.rpcboot.benchmarks;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one scenario measured against one stack.
 *
 * @param stack the stack
 * @param scenario the scenario
 * @param calls the calls measured
 * @param errors the measured calls that failed or answered wrongly (warm-up included)
 * @param elapsedNanos the time the measured calls took, all callers together
 * @param p50Nanos the median latency
 * @param p99Nanos the 99th percentile latency
 * @param p999Nanos the 99.9th percentile latency
 * @param maxNanos the largest latency
 * @param firstError the first failure's description, if any
 */
public record Measurement(Stack stack, Scenario scenario, long calls, long errors, long elapsedNanos, long p50Nanos,
        long p99Nanos, long p999Nanos, long maxNanos, @Nullable String firstError) {

    static final String PREFIX = "RESULT\t";

    /**
     * Summarizes a run's latencies.
     * @param stack the stack
     * @param scenario the scenario
     * @param calls the calls measured
     * @param errors the calls that failed
     * @param elapsedNanos the time the measured calls took
     * @param latencies the latencies of the measured calls, in nanoseconds
     * @param firstError the first failure's description, if any
     * @return the measurement
     */
    static Measurement of(Stack stack, Scenario scenario, long calls, long errors, long elapsedNanos,
            Histogram latencies, @Nullable String firstError) {
        return new Measurement(stack, scenario, calls, errors, elapsedNanos, latencies.getValueAtPercentile(50),
                latencies.getValueAtPercentile(99), latencies.getValueAtPercentile(99.9), latencies.getMaxValue(),
                firstError);
    }

    /**
     * Returns a measurement for a stack that could not run the scenario.
     * @param stack the stack
     * @param scenario the scenario
     * @param failure why
     * @return the measurement
     */
    static Measurement failed(Stack stack, Scenario scenario, String failure) {
        return new Measurement(stack, scenario, 0, 1, 0, 0, 0, 0, 0, failure);
    }

    /**
     * Returns the calls per second.
     * @return the throughput
     */
    public double throughput() {
        return (this.elapsedNanos > 0) ? this.calls * 1e9 / this.elapsedNanos : 0;
    }

    /**
     * Returns whether every call answered correctly.
     * @return whether there were calls and no errors
     */
    public boolean ok() {
        return this.calls > 0 && this.errors == 0;
    }

    /**
     * Writes this measurement as the line a load JVM prints for the runner.
     * @param scenarioIndex the scenario's position in the plan
     * @return the line
     */
    String toLine(int scenarioIndex) {
        String error = (this.firstError != null) ? this.firstError.replaceAll("\\s+", " ") : "";
        return PREFIX + this.stack.id() + "\t" + scenarioIndex + "\t" + this.calls + "\t" + this.errors + "\t"
                + this.elapsedNanos + "\t" + this.p50Nanos + "\t" + this.p99Nanos + "\t" + this.p999Nanos + "\t"
                + this.maxNanos + "\t" + error;
    }

    /**
     * Reads a line written by {@link #toLine(int)}.
     * @param line a line of a load JVM's output
     * @param plan the plan the load JVM ran
     * @return the measurement, or {@code null} when the line is not one
     */
    static @Nullable Measurement fromLine(String line, Plan plan) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] fields = line.split("\t", -1);
        String error = fields[10];
        return new Measurement(Stack.of(fields[1]), plan.scenarios().get(Integer.parseInt(fields[2])),
                Long.parseLong(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]),
                Long.parseLong(fields[6]), Long.parseLong(fields[7]), Long.parseLong(fields[8]),
                Long.parseLong(fields[9]), error.isEmpty() ? null : error);
    }

}
