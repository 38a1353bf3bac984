package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic scale over whole decades, with a tick at each power of ten.
 */
final class LogScale implements Scale {

    private final int lowestDecade;

    private final int highestDecade;

    private LogScale(int lowestDecade, int highestDecade) {
        this.lowestDecade = lowestDecade;
        this.highestDecade = highestDecade;
    }

    /**
     * Returns a scale over the decades that hold the given values.
     * @param smallest the smallest value to show, above zero
     * @param largest the largest value to show
     * @return the scale
     */
    static LogScale between(double smallest, double largest) {
        if (!(smallest > 0) || !(largest >= smallest) || Double.isInfinite(largest)) {
            return new LogScale(0, 1);
        }
        int low = (int) Math.floor(Math.log10(smallest));
        int high = (int) Math.ceil(Math.log10(largest));
        return new LogScale(low, Math.max(high, low + 1));
    }

    @Override
    public double fraction(double value) {
        double clamped = Math.max(value, Math.pow(10, this.lowestDecade));
        return (Math.log10(clamped) - this.lowestDecade) / (this.highestDecade - this.lowestDecade);
    }

    @Override
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int decade = this.lowestDecade; decade <= this.highestDecade; decade++) {
            ticks.add(Math.pow(10, decade));
        }
        return ticks;
    }

    @Override
    public String label(double tick) {
        return Numbers.compact(tick);
    }

}
