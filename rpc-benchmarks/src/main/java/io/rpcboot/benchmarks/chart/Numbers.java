package io.rpcboot.benchmarks.chart;

import java.util.Locale;

/**
 * Formats the numbers of a chart for reading at a glance: {@code 1,234}, {@code 12.3k},
 * {@code 1.2M}.
 */
final class Numbers {

    private Numbers() {
    }

    /**
     * Formats a value with at most three or four significant digits: below 10,000 in full
     * with grouping ({@code 9,876}, {@code 78.2}, {@code 0.25}), above with a suffix
     * ({@code 12.3k}, {@code 123k}, {@code 1.2M}, {@code 3.4G}).
     * @param value the value
     * @return the text
     */
    static String compact(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return scaled(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return scaled(value / 1e6) + "M";
        }
        if (magnitude >= 1e4) {
            return scaled(value / 1e3) + "k";
        }
        if (magnitude >= 100 || magnitude == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return trim(String.format(Locale.ROOT, "%.1f", value));
        }
        return trim(String.format(Locale.ROOT, "%.2f", value));
    }

    /**
     * Formats a tick label: in the unit of the tick's own size, as {@link #compact}, with
     * the decimals the step between ticks needs ({@code 0, 250k, 500k, 750k, 1M, 1.25M};
     * {@code 0, 2,000, 4,000}; {@code 0, 0.25, 0.5}).
     * @param tick the tick's value
     * @param step the distance between ticks
     * @return the label
     */
    static String tick(double tick, double step) {
        double magnitude = Math.abs(tick);
        if (magnitude == 0) {
            return "0";
        }
        double scale = (magnitude >= 1e9) ? 1e9 : (magnitude >= 1e6) ? 1e6 : (magnitude >= 1e4) ? 1e3 : 1;
        String suffix = (scale == 1e9) ? "G" : (scale == 1e6) ? "M" : (scale == 1e3) ? "k" : "";
        String number = String.format(Locale.ROOT, "%,." + decimals(step / scale) + "f", tick / scale);
        return trim(number) + suffix;
    }

    /**
     * Formats an SVG coordinate or length: one decimal at most, no grouping.
     * @param value the value
     * @return the text
     */
    static String coordinate(double value) {
        return trim(String.format(Locale.ROOT, "%.1f", value));
    }

    private static int decimals(double step) {
        for (int decimals = 0; decimals < 4; decimals++) {
            double shifted = step * Math.pow(10, decimals);
            if (Math.abs(shifted - Math.rint(shifted)) < 1e-6 * Math.max(1, shifted)) {
                return decimals;
            }
        }
        return 4;
    }

    private static String scaled(double value) {
        return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%.0f", value)
                : trim(String.format(Locale.ROOT, "%.1f", value));
    }

    private static String trim(String number) {
        if (number.indexOf('.') < 0) {
            return number;
        }
        String trimmed = number.replaceAll("0+$", "");
        trimmed = trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return trimmed.equals("-0") ? "0" : trimmed;
    }

}
