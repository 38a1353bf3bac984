package io.rpcboot.internal.client;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry budget allows a ratio of the calls of the last ten seconds, plus a few per
 * second, and forgets calls older than its window.
 */
class RetryBudgetTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long start = System.nanoTime();

    @Test
    void retriesAreARatioOfTheCalls() {
        RetryBudget budget = new RetryBudget(0.2, 0);
        for (int i = 0; i < 100; i++) {
            budget.callMade(this.start + i * SECOND / 100);
        }
        assertThat(retriesAllowed(budget, this.start + SECOND)).isEqualTo(20);
    }

    @Test
    void aQuietClientMayStillRetryAFewPerSecond() {
        RetryBudget budget = new RetryBudget(0.2, 1);
        assertThat(retriesAllowed(budget, this.start)).isEqualTo(RetryBudget.WINDOW_SECONDS);
    }

    @Test
    void callsOlderThanTheWindowAllowNoRetry() {
        RetryBudget budget = new RetryBudget(0.2, 0);
        for (int i = 0; i < 100; i++) {
            budget.callMade(this.start);
        }
        long later = this.start + (RetryBudget.WINDOW_SECONDS + 1) * SECOND;
        assertThat(retriesAllowed(budget, later)).isZero();
        budget.callMade(later);
        for (int i = 0; i < 9; i++) {
            budget.callMade(later);
        }
        assertThat(retriesAllowed(budget, later)).isEqualTo(2);
    }

    @Test
    void retriesOfTheWindowCountAgainstTheBudgetAsTimeGoesOn() {
        RetryBudget budget = new RetryBudget(0.5, 0);
        for (int i = 0; i < 10; i++) {
            budget.callMade(this.start);
        }
        assertThat(retriesAllowed(budget, this.start)).isEqualTo(5);
        assertThat(retriesAllowed(budget, this.start + 3 * SECOND)).as("within the same window").isZero();
    }

    private static int retriesAllowed(RetryBudget budget, long now) {
        int allowed = 0;
        while (allowed < 10_000 && budget.tryRetry(now)) {
            allowed++;
        }
        return allowed;
    }

}
