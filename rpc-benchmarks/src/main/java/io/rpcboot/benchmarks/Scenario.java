package io.rpcboot.benchmarks;

import java.util.Locale;

/**
 * One workload: which call, how many caller threads, and how many calls warm it up.
 *
 * @param name the name shown in the results
 * @param call the call each caller makes
 * @param threads the number of caller threads (for asynchronous calls: the threads that
 * issue them; for a fixed rate: the senders)
 * @param size the {@code n} of list calls, the messages of one stream, the calls in
 * flight at once of asynchronous calls, the percentage of the reference rate of a
 * fixed-rate scenario
 * @param warmupCalls the calls made, all callers together, before measuring
 * @param measuredCalls the calls measured, all callers together; {@code 0} to measure for
 * the plan's duration instead
 * @param virtualCallers whether the callers are virtual threads (Java 21 or later), else
 * platform threads
 */
public record Scenario(String name, Call call, int threads, int size, long warmupCalls, long measuredCalls,
        boolean virtualCallers) {

    /**
     * Creates a scenario whose callers are platform threads.
     * @param name the name shown in the results
     * @param call the call each caller makes
     * @param threads the number of caller threads
     * @param size the {@code n} of list calls, the messages of one stream
     * @param warmupCalls the calls made, all callers together, before measuring
     * @param measuredCalls the calls measured, all callers together; {@code 0} to measure
     * for the plan's duration instead
     */
    public Scenario(String name, Call call, int threads, int size, long warmupCalls, long measuredCalls) {
        this(name, call, threads, size, warmupCalls, measuredCalls, false);
    }

    /**
     * Returns this scenario with virtual threads as callers, named so.
     * @return the scenario
     */
    public Scenario onVirtualThreads() {
        return new Scenario(this.name.replace(" caller", " virtual-thread caller"), this.call, this.threads, this.size,
                this.warmupCalls, this.measuredCalls, true);
    }

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
     * Returns the scenario of asynchronous echo calls, many in flight at once on one
     * connection: a few threads issue calls while fewer than {@code inFlight} are
     * unanswered (see {@link AsyncLoad}).
     * @param inFlight the calls in flight at once
     * @param warmupCalls the calls before measuring
     * @param measuredCalls the calls measured, {@code 0} for a timed measurement
     * @return the scenario
     */
    public static Scenario echoAsync(int inFlight, long warmupCalls, long measuredCalls) {
        return new Scenario(String.format(Locale.ROOT, "echo async, %,d in flight", inFlight), Call.ECHO_ASYNC,
                AsyncLoad.ISSUERS, inFlight, warmupCalls, measuredCalls);
    }

    /**
     * Returns the scenario of echo calls at a fixed rate (an open loop): a percentage of
     * the reference rate, gRPC-java's echo throughput with 64 callers measured in the
     * same run, or the plan's {@code --rate}. Senders take the next call's intended start
     * from a shared schedule, so that a slow answer does not delay the calls after it.
     * Named by what it measures: with a given rate, its calls per second; else its
     * percentage of gRPC-java's, whose calls per second {@link #nameAt(double)} adds.
     * @param percent the percentage of the reference rate
     * @param senders the number of sender threads
     * @param warmupCalls the calls before measuring, made back to back
     * @param measuredCalls the calls measured, {@code 0} for the rate times the plan's
     * duration
     * @param givenRate the reference rate given by {@code --rate}, {@code 0} when the run
     * measures it
     * @return the scenario
     */
    public static Scenario rate(int percent, int senders, long warmupCalls, long measuredCalls, double givenRate) {
        String name = (givenRate > 0)
                ? String.format(Locale.ROOT, "echo at %,.0f calls/s (%d%% of --rate=%,.0f), %d senders",
                        givenRate * percent / 100.0, percent, givenRate, senders)
                : ofGrpcJava(percent, senders, "");
        return new Scenario(name, Call.RATE, senders, percent, warmupCalls, measuredCalls);
    }

    private static String ofGrpcJava(int percent, int senders, String rate) {
        return "echo at " + percent + "% of gRPC-java's max" + rate + ", " + senders + " senders";
    }

    /**
     * Returns the name that says what was measured: for a fixed rate of gRPC-java's
     * throughput measured in the run, the name with the calls per second it came to.
     * @param targetRate the calls per second the scenario was run at, {@code 0} when not
     * known
     * @return the name
     */
    public String nameAt(double targetRate) {
        if (this.call != Call.RATE || !(targetRate > 0) || !this.name.equals(ofGrpcJava(this.size, this.threads, ""))) {
            return this.name;
        }
        return ofGrpcJava(this.size, this.threads, String.format(Locale.ROOT, " (%,.0f calls/s)", targetRate));
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

        /** {@code echoAsync(item)}, a {@code CompletableFuture} (gRPC: a future stub). */
        ECHO_ASYNC,

        /** {@code echo(item)} at a fixed rate. */
        RATE

    }

}
