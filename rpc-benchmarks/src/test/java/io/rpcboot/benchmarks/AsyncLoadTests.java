package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.rpcboot.benchmarks.api.Workload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The asynchronous load's bookkeeping, against a caller whose answers come from a timer:
 * it keeps the scenario's calls in flight and never more, counts every call once, counts
 * failures and wrong answers as errors, and reports a call that never completes as lost
 * instead of waiting for it.
 */
class AsyncLoadTests {

    private static final int IN_FLIGHT = 100;

    private static final int CALLS = 1000;

    /** The id of the measured phase's first call. */
    private static final long FIRST_ID = Workload.ECHO_ID_BASE + 10_000_000_000L;

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopTimer() {
        this.timer.shutdownNow();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keepsTheScenariosCallsInFlightAndCountsEveryCallOnce() throws InterruptedException {
        TimedCaller caller = new TimedCaller();
        Measurement measurement = new AsyncLoad(Stack.RPCBOOT, caller).run(Scenario.echoAsync(IN_FLIGHT, 0, CALLS), 0,
                Duration.ZERO, () -> {
                });
        assertThat(measurement.errors()).as(String.valueOf(measurement.firstError())).isZero();
        assertThat(measurement.calls()).isEqualTo(CALLS);
        assertThat(caller.ids).as("a new id per call").hasSize(CALLS);
        assertThat(caller.mostInFlight.get()).isEqualTo(IN_FLIGHT);
        // every call waited for its answer, held for 200 ms
        assertThat(measurement.p50Nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCallThatNeverCompletesIsReportedLostWithoutHanging() throws InterruptedException {
        TimedCaller caller = new TimedCaller();
        caller.neverAnswered = FIRST_ID + 500;
        Measurement measurement = new AsyncLoad(Stack.RPCBOOT, caller, Duration.ofSeconds(1))
            .run(Scenario.echoAsync(IN_FLIGHT, 0, CALLS), 0, Duration.ZERO, () -> {
            });
        assertThat(measurement.errors()).isOne();
        assertThat(measurement.calls()).isEqualTo(CALLS - 1);
        assertThat(measurement.firstError()).contains("1 of 1000 calls never completed (lost) within 1000 ms");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failuresAndWrongAnswersAreErrors() throws InterruptedException {
        TimedCaller caller = new TimedCaller();
        caller.wrong = FIRST_ID + 10;
        caller.failed = FIRST_ID + 20;
        caller.thrown = FIRST_ID + 30;
        Measurement measurement = new AsyncLoad(Stack.RPCBOOT, caller).run(Scenario.echoAsync(IN_FLIGHT, 0, CALLS), 0,
                Duration.ZERO, () -> {
                });
        assertThat(measurement.errors()).isEqualTo(3);
        assertThat(measurement.calls()).isEqualTo(CALLS);
    }

    /** Answers each call 200 ms after it was made, on a timer thread. */
    private final class TimedCaller implements StackClient {

        final Set<Long> ids = ConcurrentHashMap.newKeySet();

        final AtomicInteger inFlight = new AtomicInteger();

        final AtomicInteger mostInFlight = new AtomicInteger();

        volatile long neverAnswered = -1;

        volatile long wrong = -1;

        volatile long failed = -1;

        volatile long thrown = -1;

        @Override
        public void echoAsync(long id, Answered answered) {
            this.ids.add(id);
            if (id == this.thrown) {
                throw new IllegalStateException("refused at once");
            }
            this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
            if (id == this.neverAnswered) {
                return;
            }
            AsyncLoadTests.this.timer.schedule(() -> {
                this.inFlight.decrementAndGet();
                if (id == this.failed) {
                    answered.answered(false, new IllegalStateException("failed"));
                }
                else {
                    answered.answered(id != this.wrong, null);
                }
            }, 200, TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean echo(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean list(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

    }

}
