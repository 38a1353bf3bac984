package io.rpcboot.benchmarks.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers on charts read at a glance: grouped below ten thousand, with a suffix above.
 */
class NumbersTests {

    @Test
    void valuesAreGroupedBelowTenThousandAndAbbreviatedAbove() {
        assertThat(Numbers.compact(0)).isEqualTo("0");
        assertThat(Numbers.compact(0.25)).isEqualTo("0.25");
        assertThat(Numbers.compact(78.24)).isEqualTo("78.2");
        assertThat(Numbers.compact(1234)).isEqualTo("1,234");
        assertThat(Numbers.compact(9876.4)).isEqualTo("9,876");
        assertThat(Numbers.compact(12_345)).isEqualTo("12.3k");
        assertThat(Numbers.compact(45_000)).isEqualTo("45k");
        assertThat(Numbers.compact(123_456)).isEqualTo("123k");
        assertThat(Numbers.compact(1_234_567)).isEqualTo("1.2M");
        assertThat(Numbers.compact(2_500_000_000.0)).isEqualTo("2.5G");
    }

    @Test
    void ticksHaveTheDecimalsTheirStepNeeds() {
        LinearScale thousands = LinearScale.upTo(55_000, 5);
        assertThat(thousands.ticks()).extracting(thousands::label).containsExactly("0", "20k", "40k", "60k");
        LinearScale small = LinearScale.upTo(7_300, 5);
        assertThat(small.ticks()).extracting(small::label).containsExactly("0", "2,000", "4,000", "6,000", "8,000");
        LinearScale millions = LinearScale.upTo(1_234_567, 5);
        assertThat(millions.ticks()).extracting(millions::label)
            .containsExactly("0", "250k", "500k", "750k", "1M", "1.25M");
        LinearScale fractions = LinearScale.upTo(1.1, 5);
        assertThat(fractions.ticks()).extracting(fractions::label)
            .containsExactly("0", "0.25", "0.5", "0.75", "1", "1.25");
    }

}
