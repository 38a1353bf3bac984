package io.rpcboot.benchmarks;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The median of paired differences (each one measurement of a variant less the
 * measurement of the other taken next to it) with a distribution-free confidence interval
 * from order statistics: with {@code n} differences sorted, the interval runs from the
 * {@code k}-th smallest to the {@code k}-th largest, {@code k} the largest rank for which
 * the binomial distribution (n, 1/2) puts at most the allowed error on each side. It
 * assumes nothing of the differences' distribution but their independence, which suits
 * start-up times on a shared machine (skewed, with outliers).
 *
 * @param median the median of the differences
 * @param low the interval's lower bound, or the smallest difference when there are too
 * few for an interval
 * @param high the interval's upper bound, or the largest difference when there are too
 * few for an interval
 * @param confidence the interval's actual coverage (at least the one asked for), or
 * {@code 0} when there are too few differences for one
 * @param count the number of differences
 */
record PairedDifferences(long median, long low, long high, double confidence, int count) {

    /** The coverage asked for. */
    static final double CONFIDENCE = 0.95;

    /**
     * Returns the median of the differences and its 95% interval.
     * @param differences the paired differences, in any order
     * @return the statistics
     * @throws IllegalArgumentException when there are no differences
     */
    static PairedDifferences of(long[] differences) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("No differences to summarize");
        }
        long[] sorted = differences.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int middle = n / 2;
        long median = (n % 2 == 1) ? sorted[middle] : Math.floorDiv(sorted[middle - 1] + sorted[middle], 2);
        Rank rank = rank(n, CONFIDENCE);
        if (rank == null) {
            return new PairedDifferences(median, sorted[0], sorted[n - 1], 0, n);
        }
        return new PairedDifferences(median, sorted[rank.k() - 1], sorted[n - rank.k()], rank.confidence(), n);
    }

    /**
     * Whether there were enough differences for an interval of the asked coverage (at
     * least 6).
     * @return whether {@link #low()} and {@link #high()} are an interval
     */
    boolean hasInterval() {
        return this.confidence > 0;
    }

    /**
     * The rank {@code k} (1-based) of the interval's bounds among {@code n} sorted
     * values: the largest with {@code 2 P(B <= k - 1) <= 1 - confidence}, B binomial (n,
     * 1/2).
     * @param n the number of values
     * @param confidence the coverage asked for
     * @return the rank and its actual coverage, or {@code null} when even the extremes
     * cover less than asked
     */
    static @Nullable Rank rank(int n, double confidence) {
        double allowed = (1 - confidence) / 2;
        double below = 0;
        Rank found = null;
        for (int k = 1; k <= (n + 1) / 2; k++) {
            below += binomialHalf(n, k - 1);
            if (below > allowed) {
                break;
            }
            found = new Rank(k, 1 - 2 * below);
        }
        return found;
    }

    /** P(B = i) for B binomial (n, 1/2), computed in logarithms (n may be large). */
    private static double binomialHalf(int n, int i) {
        double logChoose = 0;
        for (int j = 1; j <= i; j++) {
            logChoose += Math.log(n - i + j) - Math.log(j);
        }
        return Math.exp(logChoose - n * Math.log(2));
    }

    /**
     * The rank of an interval's bounds and the interval's coverage.
     *
     * @param k the rank, from 1
     * @param confidence the coverage
     */
    record Rank(int k, double confidence) {
    }

}
