package io.rpcboot.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The intended start times of a fixed-rate load.
 */
class FixedRateScheduleTests {

    @Test
    void callsAreSpacedByTheRatesIntervalFromTheFirstCall() {
        FixedRateSchedule schedule = new FixedRateSchedule(1_000, 200);
        assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
        assertThat(schedule.intendedStart(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(schedule.intendedStart(200)).isEqualTo(1_000 + 1_000_000_000);
    }

    @Test
    void anIntervalOfAFractionOfANanosecondDoesNotDriftOverTheCalls() {
        // 1/3 s is 333,333,333.3 ns: summing rounded intervals would lose 1 ns every 3
        // calls
        FixedRateSchedule schedule = new FixedRateSchedule(0, 3);
        assertThat(schedule.intendedStart(1)).isEqualTo(333_333_333);
        assertThat(schedule.intendedStart(3)).isEqualTo(1_000_000_000);
        assertThat(schedule.intendedStart(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void theCallsOfATimeAreTheRateTimesTheTime() {
        assertThat(FixedRateSchedule.calls(200, Duration.ofSeconds(1))).isEqualTo(200);
        assertThat(FixedRateSchedule.calls(12_345.6, Duration.ofMillis(2_500))).isEqualTo(30_864);
        assertThat(FixedRateSchedule.calls(0.1, Duration.ofSeconds(1))).isOne();
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FixedRateSchedule(0, 0))
            .withMessageContaining("rate");
        assertThatIllegalArgumentException().isThrownBy(() -> new FixedRateSchedule(0, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> new FixedRateSchedule(0, Double.POSITIVE_INFINITY));
    }

}
