package io.rpcboot.benchmarks;

import java.time.Duration;

/**
 * The benchmark's well-behaved load, for tools outside this package such as the soak:
 * echo calls from a number of caller threads, back to back (a closed loop), through
 * {@link LoadRunner}.
 */
public final class EchoLoad {

    private final LoadRunner runner;

    private final int callers;

    /**
     * Creates the load of one stack's caller.
     * @param stack the stack
     * @param client its caller, connected to the server
     * @param callers the number of caller threads
     */
    public EchoLoad(Stack stack, StackClient client, int callers) {
        this.runner = new LoadRunner(stack, client);
        this.callers = callers;
    }

    /**
     * Warms up with a number of calls, then measures for a time.
     * @param warmupCalls the calls before measuring, all callers together; {@code 0} for
     * none
     * @param measure how long to measure
     * @return what was measured
     * @throws InterruptedException when interrupted
     */
    public Measurement run(long warmupCalls, Duration measure) throws InterruptedException {
        return this.runner.run(Scenario.echo(this.callers, warmupCalls, 0), warmupCalls, measure);
    }

}
