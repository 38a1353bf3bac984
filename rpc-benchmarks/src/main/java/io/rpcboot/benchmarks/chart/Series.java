package io.rpcboot.benchmarks.chart;

import java.util.regex.Pattern;

/**
 * A named series of a chart (a stack) and the colour it is drawn in: the same series has
 * the same colour in every chart.
 *
 * @param label the name shown in the legend and beside its bars
 * @param colour the fill or stroke colour, as {@code #rrggbb}
 */
public record Series(String label, String colour) {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    /**
     * Creates a series.
     * @param label the name shown in the legend and beside its bars
     * @param colour the fill or stroke colour, as {@code #rrggbb}
     * @throws IllegalArgumentException when the label is blank or the colour is not
     * {@code #rrggbb}
     */
    public Series {
        if (label.isBlank()) {
            throw new IllegalArgumentException("A series needs a label");
        }
        if (!COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException(
                    "Colour of series '" + label + "' must be #rrggbb, was '" + colour + "'");
        }
    }

}
