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

        /** {@code echoAsync(item)}, a {@code CompletableFuture} (gRPC: a future stub). */
        ECHO_ASYNC,

        /** {@code echo(item)} at a fixed rate. */
        RATE

    }

}
