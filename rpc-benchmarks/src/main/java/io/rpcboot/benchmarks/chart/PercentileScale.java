package io.rpcboot.benchmarks.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The percentile axis of HdrHistogram's plots: logarithmic in {@code 1 / (1 - p)}, so
 * that 0%, 90%, 99%, 99.9% and 99.99% are equally spaced.
 */
final class PercentileScale implements Scale {

    /** The most nines shown: 99.9999%. */
    static final int MAX_DECADES = 6;

    private final int decades;

    private PercentileScale(int decades) {
        this.decades = decades;
    }

    /**
     * Returns a scale that reaches at least 99% and holds the given percentile.
     * @param highest the highest percentile to show, below 100
     * @return the scale
     */
    static PercentileScale upTo(double highest) {
        int decades = (int) Math.ceil(position(highest) - 1e-9);
        return new PercentileScale(Math.min(Math.max(decades, 2), MAX_DECADES));
    }

    /**
     * Returns {@code log10(1 / (1 - p))}, the percentile's place in decades.
     * @param percentile the percentile, {@code 0} to below {@code 100}
     * @return its position
     */
    static double position(double percentile) {
        return Math.log10(100 / (100 - percentile));
    }

    /**
     * Returns whether a percentile fits on this scale.
     * @param percentile the percentile
     * @return whether it is shown
     */
    boolean shows(double percentile) {
        return percentile >= 0 && percentile < 100 && position(percentile) <= this.decades + 1e-9;
    }

    @Override
    public double fraction(double percentile) {
        return position(percentile) / this.decades;
    }

    @Override
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int decade = 0; decade <= this.decades; decade++) {
            ticks.add(percent(decade).doubleValue());
        }
        return ticks;
    }

    @Override
    public String label(double tick) {
        for (int decade = 0; decade <= this.decades; decade++) {
            if (Math.abs(percent(decade).doubleValue() - tick) < 1e-9) {
                return percent(decade).toPlainString() + "%";
            }
        }
        return Numbers.compact(tick) + "%";
    }

    private static BigDecimal percent(int decade) {
        BigDecimal percent = BigDecimal.ONE.subtract(BigDecimal.ONE.movePointLeft(decade)).movePointRight(2);
        return (percent.signum() == 0) ? BigDecimal.ZERO : percent.stripTrailingZeros();
    }

}
