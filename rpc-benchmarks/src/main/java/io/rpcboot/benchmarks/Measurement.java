package io.rpcboot.benchmarks;

import java.util.List;

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
 * @param targetRate the calls per second a fixed-rate scenario was to make, {@code 0} for
 * the others (whose callers call back to back)
 * @param costs the bytes allocated and the CPU time spent by both JVMs while measuring
 * @param percentiles the latency distribution, for latency-percentile curves; empty when
 * nothing was measured
 */
public record Measurement(Stack stack, Scenario scenario, long calls, long errors, long elapsedNanos, long p50Nanos,
        long p99Nanos, long p999Nanos, long maxNanos, @Nullable String firstError, double targetRate, Costs costs,
        List<PercentilePoint> percentiles) {

    static final String PREFIX = "RESULT\t";

    /** The scenario index of the reference measurement of the fixed rates. */
    static final int RATE_REFERENCE = -1;

    /**
     * Summarizes a run's latencies, without costs.
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
        return of(stack, scenario, calls, errors, elapsedNanos, latencies, firstError, 0, Costs.UNKNOWN);
    }

    /**
     * Summarizes a run's latencies and costs.
     * @param stack the stack
     * @param scenario the scenario
     * @param calls the calls measured
     * @param errors the calls that failed
     * @param elapsedNanos the time the measured calls took
     * @param latencies the latencies of the measured calls, in nanoseconds
     * @param firstError the first failure's description, if any
     * @param targetRate the rate of a fixed-rate scenario, else {@code 0}
     * @param costs what the JVMs spent
     * @return the measurement
     */
    static Measurement of(Stack stack, Scenario scenario, long calls, long errors, long elapsedNanos,
            Histogram latencies, @Nullable String firstError, double targetRate, Costs costs) {
        return new Measurement(stack, scenario, calls, errors, elapsedNanos, latencies.getValueAtPercentile(50),
                latencies.getValueAtPercentile(99), latencies.getValueAtPercentile(99.9), latencies.getMaxValue(),
                firstError, targetRate, costs, PercentilePoint.of(latencies));
    }

    /**
     * Returns a measurement for a stack that could not run the scenario.
     * @param stack the stack
     * @param scenario the scenario
     * @param failure why
     * @return the measurement
     */
    static Measurement failed(Stack stack, Scenario scenario, String failure) {
        return new Measurement(stack, scenario, 0, 1, 0, 0, 0, 0, 0, failure, 0, Costs.UNKNOWN, List.of());
    }

    /**
     * Returns the calls per second; for a fixed-rate scenario, the rate achieved.
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
     * Returns the bytes the load JVM allocated per call (per message of a stream).
     * @return the bytes, or {@code -1} when not measured
     */
    public double loadBytesPerCall() {
        return perCall(this.costs.loadAllocatedBytes());
    }

    /**
     * Returns the bytes the server JVM allocated per call (per message of a stream).
     * @return the bytes, or {@code -1} when not measured
     */
    public double serverBytesPerCall() {
        return perCall(this.costs.serverAllocatedBytes());
    }

    /**
     * Returns the load JVM's CPU time per call (per message of a stream).
     * @return the nanoseconds, or {@code -1} when not measured
     */
    public double loadCpuNanosPerCall() {
        return perCall(this.costs.loadCpuNanos());
    }

    /**
     * Returns the server JVM's CPU time per call (per message of a stream).
     * @return the nanoseconds, or {@code -1} when not measured
     */
    public double serverCpuNanosPerCall() {
        return perCall(this.costs.serverCpuNanos());
    }

    /**
     * Returns the CPU time of both JVMs per call (per message of a stream).
     * @return the nanoseconds, or {@code -1} when either was not measured
     */
    public double cpuNanosPerCall() {
        double load = loadCpuNanosPerCall();
        double server = serverCpuNanosPerCall();
        return (load >= 0 && server >= 0) ? load + server : -1;
    }

    private double perCall(long total) {
        long units = this.calls * this.scenario.messagesPerCall();
        return (total >= 0 && units > 0) ? (double) total / units : -1;
    }

    /**
     * Returns this measurement with other costs.
     * @param costs the costs
     * @return the measurement
     */
    Measurement withCosts(Costs costs) {
        return new Measurement(this.stack, this.scenario, this.calls, this.errors, this.elapsedNanos, this.p50Nanos,
                this.p99Nanos, this.p999Nanos, this.maxNanos, this.firstError, this.targetRate, costs,
                this.percentiles);
    }

    /**
     * Writes this measurement as the line a load JVM prints for the runner (without the
     * server's costs, which the runner reads from the server JVM).
     * @param scenarioIndex the scenario's position in the plan, or
     * {@link #RATE_REFERENCE}
     * @return the line
     */
    String toLine(int scenarioIndex) {
        String error = (this.firstError != null) ? this.firstError.replaceAll("\\s+", " ") : "";
        return PREFIX + this.stack.id() + "\t" + scenarioIndex + "\t" + this.calls + "\t" + this.errors + "\t"
                + this.elapsedNanos + "\t" + this.p50Nanos + "\t" + this.p99Nanos + "\t" + this.p999Nanos + "\t"
                + this.maxNanos + "\t" + this.costs.loadAllocatedBytes() + "\t" + this.costs.loadCpuNanos() + "\t"
                + this.targetRate + "\t" + PercentilePoint.format(this.percentiles) + "\t" + error;
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
        int index = Integer.parseInt(fields[2]);
        Scenario scenario = (index == RATE_REFERENCE) ? plan.rateReference() : plan.scenarios().get(index);
        String error = fields[14];
        Costs costs = new Costs(Long.parseLong(fields[10]), Long.parseLong(fields[11]), -1, -1);
        return new Measurement(Stack.of(fields[1]), scenario, Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                Long.parseLong(fields[5]), Long.parseLong(fields[6]), Long.parseLong(fields[7]),
                Long.parseLong(fields[8]), Long.parseLong(fields[9]), error.isEmpty() ? null : error,
                Double.parseDouble(fields[12]), costs, PercentilePoint.parse(fields[13]));
    }

    /**
     * What the two JVMs spent while measuring: heap bytes allocated by all threads, and
     * the process's CPU time. {@code -1} where not measured (the smoke run's single JVM).
     *
     * @param loadAllocatedBytes the bytes the load JVM allocated
     * @param loadCpuNanos the load JVM's CPU time
     * @param serverAllocatedBytes the bytes the server JVM allocated
     * @param serverCpuNanos the server JVM's CPU time
     */
    public record Costs(long loadAllocatedBytes, long loadCpuNanos, long serverAllocatedBytes, long serverCpuNanos) {

        /** Nothing measured. */
        static final Costs UNKNOWN = new Costs(-1, -1, -1, -1);

        /**
         * Returns the load JVM's costs, the server's unknown.
         * @param load what the load JVM spent
         * @return the costs
         */
        static Costs ofLoad(JvmCosts.Reading load) {
            return new Costs(load.allocatedBytes(), load.cpuNanos(), -1, -1);
        }

        /**
         * Returns these costs with the server JVM's.
         * @param server what the server JVM spent, or {@code null} when not known
         * @return the costs
         */
        Costs withServer(JvmCosts.@Nullable Reading server) {
            return (server != null)
                    ? new Costs(this.loadAllocatedBytes, this.loadCpuNanos, server.allocatedBytes(), server.cpuNanos())
                    : new Costs(this.loadAllocatedBytes, this.loadCpuNanos, -1, -1);
        }

    }

}
