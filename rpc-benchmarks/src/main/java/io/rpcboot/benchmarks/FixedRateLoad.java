package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Echo calls at a fixed rate, as wrk2 makes them: each call has an intended start on a
 * {@link FixedRateSchedule}; sender threads take the next call from a shared counter,
 * wait for its intended start and make it, so that a slow answer holds up one sender, not
 * the schedule. A call's latency is counted from its intended start to its answer
 * (corrected for coordinated omission): when every sender is busy, the calls that wait
 * count their wait. The senders' own wake-up delay (tens of microseconds) is part of
 * every latency.
 */
final class FixedRateLoad {

    private final StackClient client;

    private final double rate;

    private final long calls;

    private final long firstId;

    private final List<Sender> senders = new ArrayList<>();

    private final PhaseThreads threads;

    private final AtomicLong next = new AtomicLong();

    private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();

    private volatile @Nullable FixedRateSchedule schedule;

    private long elapsedNanos;

    private JvmCosts.@Nullable Reading costs;

    /**
     * Creates the load.
     * @param client the stack's caller
     * @param senders the number of sender threads
     * @param rate the calls per second
     * @param calls the calls to make
     * @param firstId the id of the first call's item
     */
    FixedRateLoad(StackClient client, int senders, double rate, long calls, long firstId) {
        this.client = client;
        this.rate = rate;
        this.calls = calls;
        this.firstId = firstId;
        for (int i = 0; i < senders; i++) {
            this.senders.add(new Sender());
        }
        this.threads = new PhaseThreads(CallerThreads.named("sender-"), this.senders);
    }

    /**
     * Makes the calls and waits for their answers.
     * @param stuck how long the calls may overrun their schedule before the run gives up
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the calls did not end in time
     */
    void run(Duration stuck) throws InterruptedException {
        this.costs = this.threads.run((started) -> this.schedule = new FixedRateSchedule(started, this.rate), () -> {
            FixedRateSchedule schedule = schedule();
            long planned = schedule.intendedStart(this.calls) - schedule.startNanos();
            if (!this.threads.awaitWorkers(TimeUnit.NANOSECONDS.toMillis(planned) + stuck.toMillis())) {
                throw new IllegalStateException("the calls at " + Math.round(this.rate) + " calls/s did not end within "
                        + stuck.toMinutes() + " minutes of their schedule");
            }
        }).costs();
        long lastAnswer = this.senders.stream().mapToLong((sender) -> sender.lastAnswer).max().orElse(0);
        this.elapsedNanos = Math.max(1, lastAnswer - schedule().startNanos());
    }

    private FixedRateSchedule schedule() {
        FixedRateSchedule schedule = this.schedule;
        if (schedule == null) {
            throw new IllegalStateException("Started without a schedule");
        }
        return schedule;
    }

    long calls() {
        return this.senders.stream().mapToLong((sender) -> sender.calls).sum();
    }

    long errors() {
        return this.senders.stream().mapToLong((sender) -> sender.errors).sum();
    }

    @Nullable String firstError() {
        return this.firstError.get();
    }

    /**
     * Returns the time from the first call's intended start to the last answer.
     * @return the nanoseconds
     */
    long elapsedNanos() {
        return this.elapsedNanos;
    }

    /**
     * Returns what this JVM spent from the first call to the last answer.
     * @return the costs
     */
    JvmCosts.Reading costs() {
        JvmCosts.Reading measured = this.costs;
        if (measured == null) {
            throw new IllegalStateException("Not run");
        }
        return measured;
    }

    /**
     * Returns every call's latency from its intended start.
     * @return the latencies, in nanoseconds
     */
    Histogram latencies() {
        Histogram latencies = new Histogram(LoadRunner.HIGHEST_NANOS, 3);
        this.senders.forEach((sender) -> latencies.add(sender.latencies));
        return latencies;
    }

    /** One sender thread. */
    private final class Sender implements PhaseThreads.Worker {

        private final Histogram latencies = new Histogram(LoadRunner.HIGHEST_NANOS, 3);

        private long calls;

        private long errors;

        private long lastAnswer;

        @Override
        public void work() {
            FixedRateLoad load = FixedRateLoad.this;
            FixedRateSchedule schedule = load.schedule();
            for (long call = load.next.getAndIncrement(); call < load.calls; call = load.next.getAndIncrement()) {
                long intended = schedule.intendedStart(call);
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                boolean ok;
                @Nullable String failure = null;
                try {
                    ok = load.client.echo(load.firstId + call);
                    if (!ok) {
                        failure = "wrong answer";
                    }
                }
                catch (RuntimeException ex) {
                    ok = false;
                    failure = ex.toString();
                }
                long answered = System.nanoTime();
                this.latencies.recordValue(Math.min(answered - intended, LoadRunner.HIGHEST_NANOS));
                this.lastAnswer = answered;
                this.calls++;
                if (!ok) {
                    this.errors++;
                    load.firstError.compareAndSet(null, "fixed rate: " + failure);
                }
            }
        }

    }

}
