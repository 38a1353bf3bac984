package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Latency by percentile, one line per series (stack), as HdrHistogram plots its
 * percentile distributions: the percentile axis is logarithmic in {@code 1 / (1 - p)}, so
 * that 90%, 99%, 99.9% and 99.99% are equally spaced and the tail gets the room; the
 * latency axis is linear from zero (or logarithmic), in µs or, from 10 ms up, in ms.
 * Points at 100% (the maximum) have no place on that axis and are left out.
 */
public final class PercentileChart {

    private static final int WIDTH = 800;

    private static final double LEFT = 72;

    private static final double RIGHT = WIDTH - 40;

    private static final double PLOT_HEIGHT = 300;

    private final String title;

    private final String note;

    private final List<Curve> curves;

    private final boolean logarithmic;

    /**
     * Creates a chart with a linear latency axis.
     * @param title the chart's title
     * @param note a line below the title on how to read the chart, or an empty text
     * @param curves the lines, one per series
     */
    public PercentileChart(String title, String note, List<Curve> curves) {
        this(title, note, curves, false);
    }

    /**
     * Creates a chart.
     * @param title the chart's title
     * @param note a line below the title on how to read the chart, or an empty text
     * @param curves the lines, one per series
     * @param logarithmic whether the latency axis is logarithmic, for curves that span
     * decades
     * @throws IllegalArgumentException when there are no curves
     */
    public PercentileChart(String title, String note, List<Curve> curves, boolean logarithmic) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("A percentile chart needs at least one curve");
        }
        this.title = title;
        this.note = note;
        this.curves = List.copyOf(curves);
        this.logarithmic = logarithmic;
    }

    /**
     * Writes the chart.
     * @return the SVG document
     */
    public String toSvg() {
        double highestPercentile = 0;
        double largest = 0;
        double smallestPositive = Double.MAX_VALUE;
        for (Curve curve : this.curves) {
            for (Point point : curve.points()) {
                if (point.percentile() < 100) {
                    highestPercentile = Math.max(highestPercentile, point.percentile());
                    largest = Math.max(largest, point.nanos());
                    smallestPositive = (point.nanos() > 0) ? Math.min(smallestPositive, point.nanos())
                            : smallestPositive;
                }
            }
        }
        PercentileScale x = PercentileScale.upTo(highestPercentile);
        boolean millis = largest >= 10_000_000;
        double perUnit = millis ? 1e6 : 1e3;
        Scale y = this.logarithmic ? LogScale.between(smallestPositive / perUnit, largest / perUnit)
                : LinearScale.upTo(largest / perUnit, 6);
        List<Series> series = this.curves.stream().map(Curve::series).toList();
        double legendTop = SvgWriter.headingHeight(this.note);
        double top = legendTop + SvgWriter.legendHeight(series, LEFT, RIGHT) + 12;
        double bottom = top + PLOT_HEIGHT;
        SvgWriter svg = new SvgWriter(WIDTH, (int) Math.ceil(bottom + 48), this.title);
        svg.heading(16, this.title, this.note);
        svg.legend(series, LEFT, legendTop, RIGHT);
        for (double tick : x.ticks()) {
            double at = LEFT + x.fraction(tick) * (RIGHT - LEFT);
            svg.line("grid", at, top, at, bottom, SvgWriter.GRID, 1);
            svg.text("x-tick", at, bottom + 16, "middle", 11, false, x.label(tick));
        }
        for (double tick : y.ticks()) {
            double at = bottom - y.fraction(tick) * PLOT_HEIGHT;
            svg.line("grid", LEFT, at, RIGHT, at, SvgWriter.GRID, 1);
            svg.text("y-tick", LEFT - 6, at + 4, "end", 11, false, y.label(tick));
        }
        svg.line("axis", LEFT, top, LEFT, bottom, SvgWriter.INK, 1);
        svg.line("axis", LEFT, bottom, RIGHT, bottom, SvgWriter.INK, 1);
        svg.text("x-label", (LEFT + RIGHT) / 2, bottom + 38, "middle", 12, false, "percentile");
        svg.verticalText("y-label", 18, (top + bottom) / 2, 12,
                "latency (" + (millis ? "ms" : "µs") + (this.logarithmic ? ", log scale" : "") + ")");
        for (Curve curve : this.curves) {
            List<double[]> points = new ArrayList<>();
            for (Point point : curve.points()) {
                if (x.shows(point.percentile())) {
                    points.add(new double[] { LEFT + x.fraction(point.percentile()) * (RIGHT - LEFT),
                            bottom - y.fraction(point.nanos() / perUnit) * PLOT_HEIGHT });
                }
            }
            if (!points.isEmpty()) {
                svg.polyline("series", points, curve.series().colour(), 2, curve.series().label());
            }
        }
        return svg.finish();
    }

    /**
     * A latency at a percentile.
     *
     * @param percentile the percentile, {@code 0} to {@code 100} (e.g. {@code 99.9})
     * @param nanos the latency in nanoseconds
     */
    public record Point(double percentile, double nanos) {

        /**
         * Creates a point.
         * @param percentile the percentile, {@code 0} to {@code 100}
         * @param nanos the latency in nanoseconds
         * @throws IllegalArgumentException when the percentile is outside 0 to 100 or the
         * latency negative or not finite
         */
        public Point {
            if (!(percentile >= 0 && percentile <= 100) || !(nanos >= 0) || Double.isInfinite(nanos)) {
                throw new IllegalArgumentException(
                        "A point needs a percentile in 0..100 and a latency >= 0, was " + percentile + ", " + nanos);
            }
        }

    }

    /**
     * One series' latency distribution.
     *
     * @param series the series (stack)
     * @param points its latencies by percentile, in any order
     */
    public record Curve(Series series, List<Point> points) {

        /**
         * Creates a curve.
         * @param series the series (stack)
         * @param points its latencies by percentile, in any order
         */
        public Curve {
            points = points.stream().sorted(Comparator.comparingDouble(Point::percentile)).toList();
        }

    }

}
