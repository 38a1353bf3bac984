package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open loop of the fixed-rate load: a slow answer does not hide the delay it causes
 * to the calls behind it.
 */
class FixedRateLoadTests {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theCallsHeldUpBehindASlowAnswerCountTheirWaitFromTheirIntendedStart() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        // one sender, 100 calls/s: the first answer takes 300 ms, holding up the next 29
        // calls
        StackClient client = new StackClient() {

            @Override
            public boolean echo(long id) {
                if (made.getAndIncrement() == 0) {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    // a slow server
                    for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                return true;
            }

            @Override
            public boolean list(int n) {
                return true;
            }

            @Override
            public void close() {
            }

        };
        FixedRateLoad load = new FixedRateLoad(client, 1, 100, 40, 0);
        load.run(Duration.ofSeconds(20));
        assertThat(load.calls()).isEqualTo(40);
        assertThat(load.errors()).isZero();
        Histogram latencies = load.latencies();
        // a closed loop would record one slow call; the open loop also records the wait
        // of
        // the calls meant to start at 10, 20, ... 290 ms, which started at 300 ms
        long slow = latencies.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(5), LoadRunner.HIGHEST_NANOS);
        assertThat(slow).isGreaterThanOrEqualTo(30);
        assertThat(latencies.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(299));
        assertThat(load.elapsedNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(390));
        // read (not unknown); the process's CPU clock ticks coarsely, and this load
        // mostly
        // sleeps, so it may read 0: the measured run's smoke test asserts it positive
        assertThat(load.costs().cpuNanos()).isNotNegative();
    }

}
