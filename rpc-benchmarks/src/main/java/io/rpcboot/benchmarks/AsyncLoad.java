package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.api.Workload;

/**
 * Drives the asynchronous scenario against one stack's caller: many calls in flight at
 * once on its one connection. A semaphore holds as many permits as the scenario's calls
 * in flight; a few issuing threads take a permit and issue an asynchronous echo call,
 * which returns at once, for as long as the phase lasts, so that the calls in flight stay
 * at the scenario's number. A call's completion, on whichever thread completes it,
 * records its latency (from issue to completion) in an HdrHistogram of that thread and
 * returns the permit. At the end of a phase every permit must come back: a call that has
 * not completed {@link #LOST_AFTER} after the last was issued is lost, and counts as an
 * error; the phase never waits longer.
 */
final class AsyncLoad {

    /** The threads that issue the calls. */
    static final int ISSUERS = 4;

    /**
     * How long the end of a phase waits for its last calls before it counts them lost.
     */
    static final Duration LOST_AFTER = Duration.ofMinutes(1);

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** How often an issuer waiting for a permit looks whether its phase is over. */
    private static final long RECHECK_MILLIS = 100;

    /** The histogram of the completing thread, in the phase that made it. */
    private static final ThreadLocal<@Nullable Recording> RECORDING = new ThreadLocal<>();

    private final Stack stack;

    private final StackClient client;

    private final Duration lostAfter;

    AsyncLoad(Stack stack, StackClient client) {
        this(stack, client, LOST_AFTER);
    }

    AsyncLoad(Stack stack, StackClient client, Duration lostAfter) {
        this.stack = stack;
        this.client = client;
        this.lostAfter = lostAfter;
    }

    /**
     * Warms up and measures an asynchronous scenario.
     * @param scenario the scenario
     * @param warmupCalls the calls to make before measuring
     * @param measure how long to measure when the scenario does not say how many calls
     * @param beforeMeasuring runs between the warm-up and the measured calls (the runner
     * reads the server JVM's costs then)
     * @return what was measured, with this JVM's costs; calls lost in either phase count
     * as errors
     * @throws InterruptedException when interrupted
     */
    Measurement run(Scenario scenario, long warmupCalls, Duration measure, Runnable beforeMeasuring)
            throws InterruptedException {
        Phase warmup = new Phase(scenario, warmupCalls, null, 0);
        if (warmupCalls > 0) {
            warmup.runToEnd();
        }
        beforeMeasuring.run();
        Phase measured = new Phase(scenario, scenario.measuredCalls(), measure, 1);
        measured.runToEnd();
        long errors = warmup.errors() + measured.errors();
        String firstError = (warmup.firstError.get() != null) ? warmup.firstError.get() : measured.firstError.get();
        return Measurement.of(this.stack, scenario, measured.completed(), errors, measured.ran.elapsedNanos(),
                measured.latencies(), firstError, 0, Measurement.Costs.ofLoad(measured.ran.costs()));
    }

    /**
     * Calls issued while fewer than the scenario's number are in flight, until a number
     * of calls is issued or a time is up, then awaited.
     */
    private final class Phase {

        private final Scenario scenario;

        private final Semaphore permits;

        private final long quota;

        private final @Nullable Duration duration;

        private final long firstId;

        private final AtomicLong tickets = new AtomicLong();

        private final long[] issuedBy;

        private final PhaseThreads issuers;

        private final Queue<Histogram> histograms = new ConcurrentLinkedQueue<>();

        private final LongAdder errors = new LongAdder();

        private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();

        private long issued;

        private long lost;

        private PhaseThreads.Ran ran = new PhaseThreads.Ran(0, new JvmCosts.Reading(-1, -1));

        Phase(Scenario scenario, long totalCalls, @Nullable Duration duration, long idSeed) {
            this.scenario = scenario;
            this.permits = new Semaphore(scenario.size());
            this.quota = (totalCalls > 0) ? totalCalls : Long.MAX_VALUE;
            this.duration = (totalCalls > 0) ? null : duration;
            this.firstId = Workload.ECHO_ID_BASE + idSeed * 10_000_000_000L;
            this.issuedBy = new long[scenario.threads()];
            List<PhaseThreads.Worker> workers = new ArrayList<>();
            for (int i = 0; i < this.issuedBy.length; i++) {
                int issuer = i;
                workers.add(() -> this.issuedBy[issuer] = issue());
            }
            this.issuers = new PhaseThreads(CallerThreads.named("async-issuer-"), workers);
        }

        /**
         * Issues the phase's calls and waits for all of them. The issuing threads stay
         * alive until the phase has ended, so that what they allocated can be read before
         * they end.
         */
        void runToEnd() throws InterruptedException {
            this.ran = this.issuers.run(this::awaitEnd);
        }

        private void awaitEnd() throws InterruptedException {
            this.issuers.workFor(this.duration);
            Duration lostAfter = AsyncLoad.this.lostAfter;
            awaitIssuers(lostAfter);
            for (long count : this.issuedBy) {
                this.issued += count;
            }
            // every permit back: every call issued has completed
            if (!this.permits.tryAcquire(this.scenario.size(), lostAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                this.lost = (long) this.scenario.size() - this.permits.availablePermits();
                this.firstError.compareAndSet(null, this.scenario.name() + ": " + this.lost + " of " + this.issued
                        + " calls never completed (lost) within " + lostAfter.toMillis() + " ms");
            }
        }

        /**
         * Waits for the issuers to stop: while they make progress, or until they have
         * issued no call for a while, because all the permits are held by calls that do
         * not complete; those are counted as lost when the phase ends.
         */
        private void awaitIssuers(Duration lostAfter) throws InterruptedException {
            long seen = -1;
            while (!this.issuers.awaitWorkers(lostAfter.toMillis())) {
                long now = this.tickets.get();
                if (now == seen) {
                    this.issuers.stop();
                    if (!this.issuers.awaitWorkers(lostAfter.toMillis())) {
                        throw new IllegalStateException(AsyncLoad.this.stack.label()
                                + " did not return from a call for " + lostAfter.toMillis() + " ms");
                    }
                    return;
                }
                seen = now;
            }
        }

        /**
         * Issues calls while the phase lasts; on an issuing thread.
         * @return the calls issued
         */
        private long issue() {
            long count = 0;
            try {
                while (!this.issuers.stopped() && this.tickets.get() < this.quota) {
                    if (!this.permits.tryAcquire(RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    long ticket = this.tickets.getAndIncrement();
                    if (ticket >= this.quota || this.issuers.stopped()) {
                        this.permits.release();
                        break;
                    }
                    long begin = System.nanoTime();
                    count++;
                    try {
                        AsyncLoad.this.client.echoAsync(this.firstId + ticket,
                                (correct, failure) -> completed(begin, correct, failure));
                    }
                    catch (RuntimeException ex) {
                        completed(begin, false, ex);
                    }
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return count;
        }

        /**
         * Records a call's outcome and frees its permit; on the thread that completed the
         * call.
         */
        private void completed(long begin, boolean correct, @Nullable Throwable failure) {
            Recording recording = RECORDING.get();
            if (recording == null || recording.phase != this) {
                recording = new Recording(this, new Histogram(HIGHEST_NANOS, 3));
                this.histograms.add(recording.latencies);
                RECORDING.set(recording);
            }
            recording.latencies.recordValue(Math.min(System.nanoTime() - begin, HIGHEST_NANOS));
            if (!correct) {
                this.errors.increment();
                this.firstError.compareAndSet(null,
                        this.scenario.name() + ": " + ((failure != null) ? failure.toString() : "wrong answer"));
            }
            this.permits.release();
        }

        long completed() {
            return this.issued - this.lost;
        }

        long errors() {
            return this.errors.sum() + this.lost;
        }

        Histogram latencies() {
            Histogram all = new Histogram(HIGHEST_NANOS, 3);
            for (Histogram histogram : this.histograms) {
                all.add(histogram);
            }
            return all;
        }

    }

    /**
     * A completing thread's latencies of one phase.
     *
     * @param phase the phase
     * @param latencies the latencies the thread recorded
     */
    private record Recording(Phase phase, Histogram latencies) {

    }

}
