package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.api.Workload;

/**
 * Drives one scenario against one stack's caller: a warm-up of a fixed number of calls (a
 * stack warmed for a fixed time would stay cold if it were slow), then the measured
 * calls, each timed into an HdrHistogram of its caller thread. Callers call back to back
 * (a closed loop): a latency is the time one call took, not corrected for the calls a
 * slow answer delayed. The fixed-rate scenarios' measured calls are made by
 * {@link FixedRateLoad} instead. Around the measured calls it reads what this JVM
 * allocated and the CPU time it spent ({@link JvmCosts}); the caller threads stay alive
 * until then, so that their allocation counts.
 */
final class LoadRunner {

    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** Time a phase may overrun its plan before the run gives up on a stuck stack. */
    private static final Duration STUCK = Duration.ofMinutes(3);

    private final StackClient client;

    private final Stack stack;

    LoadRunner(Stack stack, StackClient client) {
        this.stack = stack;
        this.client = client;
    }

    /**
     * Makes one echo call, again and again until it answers: a client may connect at its
     * first call, and on a busy machine the first connection can take a few attempts,
     * which would otherwise count as errors of the first scenario.
     * @param client the stack's caller
     * @throws InterruptedException when interrupted
     */
    static void firstCall(StackClient client) throws InterruptedException {
        long deadline = System.nanoTime() + STUCK.toNanos();
        while (true) {
            try {
                client.echo(Workload.ECHO_ID_BASE);
                return;
            }
            catch (RuntimeException ex) {
                if (System.nanoTime() > deadline) {
                    throw ex;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Warms up and measures a scenario that is not at a fixed rate.
     * @param scenario the scenario
     * @param warmupCalls the calls to make before measuring
     * @param measure how long to measure when the scenario does not say how many calls
     * @return what was measured
     */
    Measurement run(Scenario scenario, long warmupCalls, Duration measure) throws InterruptedException {
        return run(scenario, warmupCalls, measure, 0, () -> {
        });
    }

    /**
     * Warms up and measures a scenario.
     * @param scenario the scenario
     * @param warmupCalls the calls to make before measuring
     * @param measure how long to measure when the scenario does not say how many calls
     * @param rate the calls per second of a fixed-rate scenario, else ignored
     * @param beforeMeasuring runs between the warm-up and the measured calls (the runner
     * reads the server JVM's costs then)
     * @return what was measured, with this JVM's costs
     */
    Measurement run(Scenario scenario, long warmupCalls, Duration measure, double rate, Runnable beforeMeasuring)
            throws InterruptedException {
        if (scenario.call() == Scenario.Call.RATE && !(rate > 0)) {
            throw new IllegalArgumentException(scenario.name() + " needs a rate, not " + rate);
        }
        if (scenario.call() == Scenario.Call.ECHO_ASYNC) {
            return new AsyncLoad(this.stack, this.client).run(scenario, warmupCalls, measure, beforeMeasuring);
        }
        Phase warmup = new Phase(scenario, warmupCalls, null, 0);
        if (warmupCalls > 0) {
            warmup.runToEnd();
        }
        beforeMeasuring.run();
        if (scenario.call() == Scenario.Call.RATE) {
            long calls = (scenario.measuredCalls() > 0) ? scenario.measuredCalls()
                    : FixedRateSchedule.calls(rate, measure);
            FixedRateLoad load = new FixedRateLoad(this.client, scenario.threads(), rate, calls,
                    Workload.ECHO_ID_BASE + 10_000_000_000L);
            load.run(STUCK);
            String firstError = (warmup.firstError.get() != null) ? warmup.firstError.get() : load.firstError();
            return Measurement.of(this.stack, scenario, load.calls(), warmup.errors() + load.errors(),
                    load.elapsedNanos(), load.latencies(), firstError, rate, Measurement.Costs.ofLoad(load.costs()));
        }
        Phase measured = new Phase(scenario, scenario.measuredCalls(), measure, 1);
        measured.runToEnd();
        Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
        long calls = 0;
        for (Caller caller : measured.callers) {
            latencies.add(caller.latencies);
            calls += caller.calls;
        }
        long errors = warmup.errors() + measured.errors();
        String firstError = (warmup.firstError.get() != null) ? warmup.firstError.get() : measured.firstError.get();
        return Measurement.of(this.stack, scenario, calls, errors, measured.ran.elapsedNanos(), latencies, firstError,
                0, Measurement.Costs.ofLoad(measured.ran.costs()));
    }

    /**
     * Calls made by all callers at once, until a number of calls is made or a time is up.
     */
    private final class Phase {

        private final List<Caller> callers = new ArrayList<>();

        private final @Nullable Duration duration;

        private final PhaseThreads threads;

        private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();

        private PhaseThreads.Ran ran = new PhaseThreads.Ran(0, new JvmCosts.Reading(-1, -1));

        Phase(Scenario scenario, long totalCalls, @Nullable Duration duration, long idSeed) {
            this.duration = (totalCalls > 0) ? null : duration;
            for (int i = 0; i < scenario.threads(); i++) {
                long quota = (totalCalls > 0)
                        ? totalCalls / scenario.threads() + ((i < totalCalls % scenario.threads()) ? 1 : 0)
                        : Long.MAX_VALUE;
                long firstId = Workload.ECHO_ID_BASE + idSeed * 10_000_000_000L + i * 100_000_000L;
                this.callers.add(new Caller(this, scenario, quota, firstId));
            }
            this.threads = new PhaseThreads(CallerThreads.of(scenario), this.callers);
        }

        void runToEnd() throws InterruptedException {
            this.ran = this.threads.run(this::awaitEnd);
        }

        private void awaitEnd() throws InterruptedException {
            this.threads.workFor(this.duration);
            if (!this.threads.awaitWorkers(STUCK.toMillis())) {
                throw new IllegalStateException(
                        LoadRunner.this.stack.label() + " did not answer for " + STUCK.toMinutes() + " minutes");
            }
        }

        long errors() {
            return this.callers.stream().mapToLong((caller) -> caller.errors).sum();
        }

    }

    /** One caller thread. */
    private final class Caller implements PhaseThreads.Worker {

        private final Phase phase;

        private final Scenario scenario;

        private final long quota;

        private final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);

        private long nextId;

        private long calls;

        private long errors;

        Caller(Phase phase, Scenario scenario, long quota, long firstId) {
            this.phase = phase;
            this.scenario = scenario;
            this.quota = quota;
            this.nextId = firstId;
        }

        @Override
        public void work() {
            while (this.calls < this.quota && !this.phase.threads.stopped()) {
                long begin = System.nanoTime();
                boolean ok;
                @Nullable String failure = null;
                try {
                    ok = call();
                    if (!ok) {
                        failure = "wrong answer";
                    }
                }
                catch (RuntimeException ex) {
                    ok = false;
                    failure = ex.toString();
                }
                this.latencies.recordValue(Math.min(System.nanoTime() - begin, HIGHEST_NANOS));
                this.calls++;
                if (!ok) {
                    this.errors++;
                    this.phase.firstError.compareAndSet(null, this.scenario.name() + ": " + failure);
                }
            }
        }

        private boolean call() {
            StackClient client = LoadRunner.this.client;
            return switch (this.scenario.call()) {
                case ECHO, RATE -> client.echo(this.nextId++);
                case LIST -> client.list(this.scenario.size());
                case STREAM -> {
                    long firstId = this.nextId;
                    this.nextId += this.scenario.size();
                    yield client.stream(firstId, this.scenario.size());
                }
                case ECHO_ASYNC -> throw new IllegalStateException("Asynchronous calls are made by AsyncLoad");
            };
        }

    }

}
