package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Horizontal bars grouped by scenario, one bar per series (stack), written as SVG. Each
 * group is a panel of its own with its own value axis from zero, since scenarios differ
 * by orders of magnitude and the comparison that matters is between the stacks of one
 * scenario. A bar carries its value as a label and, when its range is wider than the
 * value, a whisker from its low to its high (the spread over the rounds).
 */
public final class BarChart {

    private static final int WIDTH = 800;

    private static final double MARGIN = 16;

    private static final double BAR_HEIGHT = 16;

    private static final double BAR_GAP = 4;

    private static final double VALUE_LABEL_ROOM = 72;

    private final String title;

    private final String note;

    private final String unit;

    private final List<Group> groups;

    /**
     * Creates a chart.
     * @param title the chart's title
     * @param note a line below the title on how to read the chart, or an empty text
     * @param unit the unit of the values, shown on every value axis, e.g. {@code calls/s}
     * @param groups the groups (scenarios), top to bottom
     * @throws IllegalArgumentException when there are no groups
     */
    public BarChart(String title, String note, String unit, List<Group> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("A bar chart needs at least one group");
        }
        this.title = title;
        this.note = note;
        this.unit = unit;
        this.groups = List.copyOf(groups);
    }

    /**
     * Writes the chart.
     * @return the SVG document
     */
    public String toSvg() {
        List<Series> series = series();
        double labelWidth = 0;
        for (Group group : this.groups) {
            for (Bar bar : group.bars()) {
                labelWidth = Math.max(labelWidth, SvgWriter.textWidth(bar.series().label(), 11));
            }
        }
        labelWidth = Math.min(labelWidth, 300);
        double barsLeft = MARGIN + labelWidth + 8;
        double barsRight = WIDTH - MARGIN - VALUE_LABEL_ROOM;
        double height = SvgWriter.headingHeight(this.note) + SvgWriter.legendHeight(series, MARGIN, WIDTH - MARGIN) + 8;
        for (Group group : this.groups) {
            height += groupHeight(group);
        }
        SvgWriter svg = new SvgWriter(WIDTH, (int) Math.ceil(height), this.title);
        double y = svg.legend(series, MARGIN, svg.heading(MARGIN, this.title, this.note), WIDTH - MARGIN) + 8;
        for (Group group : this.groups) {
            drawGroup(svg, group, y, barsLeft, barsRight);
            y += groupHeight(group);
        }
        return svg.finish();
    }

    private void drawGroup(SvgWriter svg, Group group, double top, double left, double right) {
        svg.text("group", MARGIN, top + 14, "start", 13, true, group.label());
        double largest = 0;
        for (Bar bar : group.bars()) {
            largest = Math.max(largest, bar.high());
        }
        LinearScale scale = LinearScale.upTo(largest, 5);
        double barsTop = top + 22;
        double barsBottom = barsTop + group.bars().size() * (BAR_HEIGHT + BAR_GAP);
        double width = right - left;
        for (double tick : scale.ticks()) {
            double x = left + scale.fraction(tick) * width;
            svg.line("grid", x, barsTop - 2, x, barsBottom, SvgWriter.GRID, 1);
            svg.text("value-tick", x, barsBottom + 13, "middle", 10, false, scale.label(tick));
        }
        List<Double> ticks = scale.ticks();
        double lastTickHalfWidth = SvgWriter.textWidth(scale.label(ticks.get(ticks.size() - 1)), 10) / 2;
        svg.text("unit", right + lastTickHalfWidth + 6, barsBottom + 13, "start", 10, false, this.unit);
        double y = barsTop;
        for (Bar bar : group.bars()) {
            double middle = y + BAR_HEIGHT / 2;
            svg.text("bar-label", left - 8, middle + 4, "end", 11, false, bar.series().label());
            String tooltip = bar.series().label() + ", " + group.label() + ": " + Numbers.compact(bar.value()) + " "
                    + this.unit + (bar.hasRange()
                            ? " (" + Numbers.compact(bar.low()) + " to " + Numbers.compact(bar.high()) + ")" : "");
            svg.rect("bar", left, y, scale.fraction(bar.value()) * width, BAR_HEIGHT, bar.series().colour(), tooltip);
            double end = left + scale.fraction(bar.value()) * width;
            if (bar.hasRange()) {
                double low = left + scale.fraction(bar.low()) * width;
                double high = left + scale.fraction(bar.high()) * width;
                svg.line("whisker", low, middle, high, middle, SvgWriter.INK, 1.2);
                svg.line("whisker", low, middle - 4, low, middle + 4, SvgWriter.INK, 1.2);
                svg.line("whisker", high, middle - 4, high, middle + 4, SvgWriter.INK, 1.2);
                end = high;
            }
            svg.text("value", end + 4, middle + 4, "start", 11, false, Numbers.compact(bar.value()));
            y += BAR_HEIGHT + BAR_GAP;
        }
        svg.line("axis", left, barsTop - 2, left, barsBottom, SvgWriter.INK, 1);
        svg.line("axis", left, barsBottom, right, barsBottom, SvgWriter.INK, 1);
    }

    private static double groupHeight(Group group) {
        return 22 + group.bars().size() * (BAR_HEIGHT + BAR_GAP) + 18 + 14;
    }

    private List<Series> series() {
        Set<Series> series = new LinkedHashSet<>();
        for (Group group : this.groups) {
            for (Bar bar : group.bars()) {
                series.add(bar.series());
            }
        }
        return new ArrayList<>(series);
    }

    /**
     * One scenario's bars.
     *
     * @param label the scenario's name, shown above its bars
     * @param bars the bars, top to bottom
     */
    public record Group(String label, List<Bar> bars) {

        /**
         * Creates a group.
         * @param label the scenario's name, shown above its bars
         * @param bars the bars, top to bottom
         * @throws IllegalArgumentException when there are no bars
         */
        public Group {
            if (bars.isEmpty()) {
                throw new IllegalArgumentException("Group '" + label + "' has no bars");
            }
            bars = List.copyOf(bars);
        }

    }

    /**
     * One series' value in a group, with the range it varied in.
     *
     * @param series the series (stack)
     * @param value the value the bar shows, e.g. the median over rounds
     * @param low the range's low end, e.g. the smallest value of a round
     * @param high the range's high end
     */
    public record Bar(Series series, double value, double low, double high) {

        /**
         * Creates a bar.
         * @param series the series (stack)
         * @param value the value the bar shows, e.g. the median over rounds
         * @param low the range's low end, e.g. the smallest value of a round
         * @param high the range's high end
         * @throws IllegalArgumentException unless {@code 0 <= low <= value <= high}, all
         * finite
         */
        public Bar {
            if (!(low >= 0 && low <= value && value <= high) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("Bar of '" + series.label() + "' needs 0 <= low <= value <= high,"
                        + " all finite; was " + low + ", " + value + ", " + high);
            }
        }

        /**
         * Returns a bar without a range.
         * @param series the series (stack)
         * @param value the value
         * @return the bar
         */
        public static Bar of(Series series, double value) {
            return new Bar(series, value, value, value);
        }

        boolean hasRange() {
            return this.high > this.low;
        }

    }

}
