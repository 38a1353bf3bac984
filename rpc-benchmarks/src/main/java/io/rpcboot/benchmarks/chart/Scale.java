package io.rpcboot.benchmarks.chart;

import java.util.List;

/**
 * Maps an axis's values to a fraction of its length, and names its ticks.
 */
interface Scale {

    /**
     * Returns where a value sits on the axis.
     * @param value the value
     * @return {@code 0} at the axis's start, {@code 1} at its end
     */
    double fraction(double value);

    /**
     * Returns the values that get a tick and a grid line.
     * @return the ticks, ascending
     */
    List<Double> ticks();

    /**
     * Returns a tick's label.
     * @param tick one of {@link #ticks()}
     * @return the label
     */
    String label(double tick);

}
