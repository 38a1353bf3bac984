package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear scale from zero to a round number above the largest value, with ticks at a
 * round step (1, 2, 2.5 or 5 times a power of ten).
 */
final class LinearScale implements Scale {

    private final double max;

    private final double step;

    private LinearScale(double max, double step) {
        this.max = max;
        this.step = step;
    }

    /**
     * Returns a scale that holds every value up to the given one.
     * @param largest the largest value to show
     * @param ticks about how many steps the axis has
     * @return the scale
     */
    static LinearScale upTo(double largest, int ticks) {
        if (!(largest > 0) || Double.isInfinite(largest)) {
            return new LinearScale(1, 0.25);
        }
        double raw = largest / ticks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / power;
        double nice = (residual <= 1) ? 1 : (residual <= 2) ? 2 : (residual <= 2.5) ? 2.5 : (residual <= 5) ? 5 : 10;
        double step = nice * power;
        return new LinearScale(Math.ceil(largest / step - 1e-9) * step, step);
    }

    @Override
    public double fraction(double value) {
        return value / this.max;
    }

    @Override
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round(this.max / this.step);
        for (long i = 0; i <= count; i++) {
            ticks.add(i * this.step);
        }
        return ticks;
    }

    @Override
    public String label(double tick) {
        return Numbers.tick(tick, this.step);
    }

}
