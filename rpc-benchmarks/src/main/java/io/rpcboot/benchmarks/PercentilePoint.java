package io.rpcboot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * One point of a latency distribution: the latency below which a percentage of the calls
 * answered. A {@link Measurement} keeps a few of them, enough to draw a
 * latency-percentile curve.
 *
 * @param percentile the percentage of calls, from 0 to 100
 * @param nanos the latency at that percentage
 */
public record PercentilePoint(double percentile, long nanos) {

    /** The percentiles a measurement keeps. */
    static final double[] PERCENTILES = { 0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 };

    /**
     * Returns a histogram's latencies at {@link #PERCENTILES}, or none for an empty one.
     * @param latencies the histogram, in nanoseconds
     * @return the points, percentiles ascending
     */
    static List<PercentilePoint> of(Histogram latencies) {
        if (latencies.getTotalCount() == 0) {
            return List.of();
        }
        List<PercentilePoint> points = new ArrayList<>(PERCENTILES.length);
        for (double percentile : PERCENTILES) {
            long nanos = (percentile == 0) ? latencies.getMinValue()
                    : (percentile == 100) ? latencies.getMaxValue() : latencies.getValueAtPercentile(percentile);
            points.add(new PercentilePoint(percentile, nanos));
        }
        return List.copyOf(points);
    }

    /**
     * Writes points as one word of a result line, {@code percentile:nanos} separated by
     * commas; {@code -} for none.
     * @param points the points
     * @return the word
     */
    static String format(List<PercentilePoint> points) {
        if (points.isEmpty()) {
            return "-";
        }
        StringBuilder word = new StringBuilder();
        for (PercentilePoint point : points) {
            if (!word.isEmpty()) {
                word.append(',');
            }
            word.append(String.format(Locale.ROOT, "%s:%d", point.percentile, point.nanos));
        }
        return word.toString();
    }

    /**
     * Reads a word written by {@link #format(List)}.
     * @param word the word
     * @return the points
     */
    static List<PercentilePoint> parse(String word) {
        if (word.equals("-") || word.isEmpty()) {
            return List.of();
        }
        List<PercentilePoint> points = new ArrayList<>();
        for (String pair : word.split(",", -1)) {
            int colon = pair.indexOf(':');
            points.add(new PercentilePoint(Double.parseDouble(pair.substring(0, colon)),
                    Long.parseLong(pair.substring(colon + 1))));
        }
        return List.copyOf(points);
    }

}
