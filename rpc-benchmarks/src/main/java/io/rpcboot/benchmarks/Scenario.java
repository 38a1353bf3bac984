package io.rpcboot.benchmarks;

/**
 * One workload: which call, how many caller threads, and how many calls warm it up.
 *
 * @param name the name shown in the results
 * @param call the call each caller makes
 * @param threads the number of caller threads
 * @param size the {@code n} of list calls, the messages of one stream, the percentage of
 * the reference rate of a fixed-rate scenario
 * @param warmupCalls the calls made, all callers together, before measuring
 * @param measuredCalls the calls measured, all callers together; {@code 0} to measure for
 * the plan's duration instead
 */
public record Scenario(String name, Call call, int threads, int size, long warmupCalls, long measuredCalls) {

    /**
     * Returns the scenario of an echo call.
     * @param threads the number of caller threads
     * @param warmupCalls the calls before measuring
     * @param measuredCalls the calls measured, {@code 0} for a timed measurement
     * @return the scenario
     */
    public static Scenario echo(int threads, long warmupCalls, long measuredCalls) {
        return new Scenario("echo, " + threads + ((threads == 1) ? " caller" : " callers"), Call.ECHO, threads, 0,
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
        return new Scenario("list(" + n + "), " + threads + " callers", Call.LIST, threads, n, warmupCalls,
                measuredCalls);
    }

    /**
     * Returns the scenario of server streams: each caller opens a stream of {@code n}
     * echo items, consumes it with unbounded demand, and opens the next.
     * @param n the messages of one stream
     * @param streams the number of concurrent streams (caller threads)
     * @param warmupStreams the streams before measuring
     * @param measuredStreams the streams measured, {@code 0} for a timed measurement
     * @return the scenario
     */
    public static Scenario stream(int n, int streams, long warmupStreams, long measuredStreams) {
        return new Scenario("stream of " + n + ", " + streams + ((streams == 1) ? " stream" : " concurrent streams"),
                Call.STREAM, streams, n, warmupStreams, measuredStreams);
    }

    /**
     * Returns the scenario of echo calls at a fixed rate (an open loop): a percentage of
     * the reference rate, gRPC-java's echo throughput with 64 callers measured in the
     * same run, or the plan's {@code --rate}. Senders take the next call's intended start
     * from a shared schedule, so that a slow answer does not delay the calls after it.
     * @param percent the percentage of the reference rate
     * @param senders the number of sender threads
     * @param warmupCalls the calls before measuring, made back to back
     * @param measuredCalls the calls measured, {@code 0} for the rate times the plan's
     * duration
     * @return the scenario
     */
    public static Scenario rate(int percent, int senders, long warmupCalls, long measuredCalls) {
        return new Scenario("echo at " + percent + "% of gRPC-java's max, " + senders + " senders", Call.RATE, senders,
                percent, warmupCalls, measuredCalls);
    }

    /**
     * Returns the messages one call of this scenario brings: the stream's length for a
     * stream, else one.
     * @return the messages per call
     */
    public long messagesPerCall() {
        return (this.call == Call.STREAM) ? this.size : 1;
    }

    /** The calls of the workload. */
    public enum Call {

        /** {@code echo(item)}. */
        ECHO,

        /** {@code list(n)}. */
        LIST,

        /** {@code stream(firstId, n)}, a server stream. */
        STREAM,

        /** {@code echo(item)} at a fixed rate. */
        RATE

    }

}
