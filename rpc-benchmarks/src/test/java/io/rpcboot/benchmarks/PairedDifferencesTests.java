package io.rpcboot.benchmarks;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The median of the start-up's paired differences and its distribution-free interval.
 */
class PairedDifferencesTests {

    @Test
    void theIntervalBoundsAreTheOrderStatisticsOfTheBinomialTables() {
        // the usual table of distribution-free intervals for a median: n=10 -> 2nd and
        // 9th, n=20 -> 6th and 15th, n=6 -> the extremes
        assertThat(PairedDifferences.rank(10, 0.95)).isEqualTo(new PairedDifferences.Rank(2, 1 - 22 / 1024.0));
        assertThat(PairedDifferences.rank(20, 0.95).k()).isEqualTo(6);
        assertThat(PairedDifferences.rank(20, 0.95).confidence()).isCloseTo(0.9586, within(0.0001));
        assertThat(PairedDifferences.rank(6, 0.95)).isEqualTo(new PairedDifferences.Rank(1, 1 - 2 / 64.0));
        assertThat(PairedDifferences.rank(100, 0.95).k()).isEqualTo(40);
    }

    @Test
    void tenDifferencesGiveTheirMedianAndTheSecondSmallestToTheSecondLargest() {
        long[] differences = { 300, -50, 120, 90, 2000, 110, 80, 100, 95, 130 };
        PairedDifferences paired = PairedDifferences.of(differences);
        assertThat(paired.median()).isEqualTo(105);
        assertThat(paired.low()).isEqualTo(80);
        assertThat(paired.high()).isEqualTo(300);
        assertThat(paired.hasInterval()).isTrue();
        assertThat(paired.confidence()).isGreaterThanOrEqualTo(0.95);
        assertThat(paired.count()).isEqualTo(10);
        // the input is left as it was
        assertThat(differences[0]).isEqualTo(300);
    }

    @Test
    void anOutlierMovesNeitherTheMedianNorTheInterval() {
        long[] values = LongStream.rangeClosed(1, 21).toArray();
        PairedDifferences plain = PairedDifferences.of(values);
        values[20] = 1_000_000;
        assertThat(PairedDifferences.of(values)).isEqualTo(plain);
        assertThat(plain.median()).isEqualTo(11);
    }

    @Test
    void negativeMediansRoundDown() {
        assertThat(PairedDifferences.of(new long[] { -3, -2 }).median()).isEqualTo(-3);
    }

    @Test
    void fewerThanSixDifferencesGiveTheirRangeAndNoInterval() {
        PairedDifferences paired = PairedDifferences.of(new long[] { 5, 1, 9, 3, 7 });
        assertThat(paired.hasInterval()).isFalse();
        assertThat(paired.median()).isEqualTo(5);
        assertThat(paired.low()).isEqualTo(1);
        assertThat(paired.high()).isEqualTo(9);
        assertThat(PairedDifferences.rank(5, 0.95)).isNull();
    }

    @Test
    void noDifferencesAreAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> PairedDifferences.of(new long[0]));
    }

}
