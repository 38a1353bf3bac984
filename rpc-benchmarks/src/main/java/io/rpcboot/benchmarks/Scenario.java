package io.rpcboot.benchmarks;

/**
 * One workload: which call, how many caller threads, and how many calls warm it up.
 *
 * @param name the name shown in the results
 * @param list whether the call is {@code list(listSize)}, else {@code echo}
 * @param threads the number of caller threads
 * @param listSize the {@code n} of list calls
 * @param warmupCalls the calls made, all callers together, before measuring
 * @param measuredCalls the calls measured, all callers together; {@code 0} to measure for
 * the plan's duration instead
 */
public record Scenario(String name, boolean list, int threads, int listSize, long warmupCalls, long measuredCalls) {

    /**
     * Returns the scenario of an echo call.
     * @param threads the number of caller threads
     * @param warmupCalls the calls before measuring
     * @param measuredCalls the calls measured, {@code 0} for a timed measurement
     * @return the scenario
     */
    public static Scenario echo(int threads, long warmupCalls, long measuredCalls) {
        return new Scenario("echo, " + threads + ((threads == 1) ? " caller" : " callers"), false, threads, 0,
                warmupCalls, measuredCalls);
    }

    /**
     * Returns the scenario of a list call.
     * @param n the number of items asked for
     * @param threads the number of caller threads
     * @param warmupCalls the calls before measuring
     * @param measuredCalls the calls measured, {@code 0} for a timed measurement
     * @return the scenario
     */
    public static Scenario list(int n, int threads, long warmupCalls, long measuredCalls) {
        return new Scenario("list(" + n + "), " + threads + " callers", true, threads, n, warmupCalls, measuredCalls);
    }

}
