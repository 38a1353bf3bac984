package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes an SVG 1.1 document element by element, escaping every text and attribute value.
 * Elements carry a {@code class} naming their role (bar, whisker, series, x-tick, ...),
 * and bars and lines a {@code <title>} that viewers show as a tooltip.
 */
final class SvgWriter {

    /** Sans-serif text, in fonts that GitHub's and browsers' renderers have. */
    static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /** Text and axes. */
    static final String INK = "#222222";

    /** Grid lines. */
    static final String GRID = "#dddddd";

    /** Secondary text and whiskers. */
    static final String MUTED = "#555555";

    private static final double LEGEND_ROW = 18;

    private final StringBuilder svg = new StringBuilder(8192);

    /**
     * Starts a document on a white background.
     * @param width the width in pixels
     * @param height the height in pixels
     * @param title the document's title
     */
    SvgWriter(int width, int height, String title) {
        this.svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(height)
            .append("\" viewBox=\"0 0 ")
            .append(width)
            .append(' ')
            .append(height)
            .append("\" font-family=\"")
            .append(FONT)
            .append("\" font-size=\"12\">\n");
        this.svg.append("<title>").append(escape(title)).append("</title>\n");
        this.svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    /**
     * Estimates how wide a text is drawn, for the layout.
     * @param text the text
     * @param size the font size in pixels
     * @return its width in pixels
     */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }

    void rect(String role, double x, double y, double width, double height, String fill, @Nullable String tooltip) {
        open("rect", role, "x", Numbers.coordinate(x), "y", Numbers.coordinate(y), "width", Numbers.coordinate(width),
                "height", Numbers.coordinate(height), "fill", fill);
        closeWithTooltip("rect", tooltip);
    }

    void line(String role, double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        open("line", role, "x1", Numbers.coordinate(x1), "y1", Numbers.coordinate(y1), "x2", Numbers.coordinate(x2),
                "y2", Numbers.coordinate(y2), "stroke", stroke, "stroke-width", Numbers.coordinate(strokeWidth));
        closeWithTooltip("line", null);
    }

    void polyline(String role, List<double[]> points, String stroke, double strokeWidth, @Nullable String tooltip) {
        StringBuilder coordinates = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            coordinates.append((i > 0) ? " " : "")
                .append(Numbers.coordinate(points.get(i)[0]))
                .append(',')
                .append(Numbers.coordinate(points.get(i)[1]));
        }
        open("polyline", role, "points", coordinates.toString(), "fill", "none", "stroke", stroke, "stroke-width",
                Numbers.coordinate(strokeWidth), "stroke-linejoin", "round");
        closeWithTooltip("polyline", tooltip);
    }

    /**
     * Writes a text.
     * @param role the element's class
     * @param x the anchor's x
     * @param y the baseline's y
     * @param anchor {@code start}, {@code middle} or {@code end}
     * @param size the font size in pixels
     * @param bold whether bold
     * @param text the text, escaped here
     */
    void text(String role, double x, double y, String anchor, double size, boolean bold, String text) {
        textElement(role, x, y, anchor, size, bold, null, text);
    }

    /**
     * Writes a text turned a quarter anticlockwise about its anchor, for a vertical axis.
     * @param role the element's class
     * @param x the anchor's x
     * @param y the anchor's y
     * @param size the font size in pixels
     * @param text the text, escaped here
     */
    void verticalText(String role, double x, double y, double size, String text) {
        textElement(role, x, y, "middle", size, false,
                "rotate(-90 " + Numbers.coordinate(x) + " " + Numbers.coordinate(y) + ")", text);
    }

    /**
     * Returns the height of a chart's title and note, as {@link #heading} writes them.
     * @param note the note, or an empty text for none
     * @return where the content below starts
     */
    static double headingHeight(String note) {
        return note.isEmpty() ? 36 : 54;
    }

    /**
     * Writes a chart's title, and below it a note in smaller type (how to read the
     * chart).
     * @param left where they start
     * @param title the title
     * @param note the note, or an empty text for none
     * @return where the content below starts
     */
    double heading(double left, String title, String note) {
        text("title", left, 24, "start", 16, true, title);
        if (!note.isEmpty()) {
            text("note", left, 42, "start", 12, false, note);
        }
        return headingHeight(note);
    }

    /**
     * Writes a legend: a swatch and a label per series, left to right, wrapping at the
     * right edge.
     * @param series the series
     * @param left where the legend starts
     * @param top the top of its first row
     * @param right where rows wrap
     * @return the bottom of its last row
     */
    double legend(List<Series> series, double left, double top, double right) {
        List<double[]> places = legendPlaces(series, left, top, right);
        for (int i = 0; i < series.size(); i++) {
            double[] place = places.get(i);
            rect("legend-swatch", place[0], place[1] + 1, 12, 12, series.get(i).colour(), null);
            text("legend", place[0] + 17, place[1] + 11.5, "start", 12, false, series.get(i).label());
        }
        return legendHeight(series, left, right) + top;
    }

    /**
     * Returns the height of a legend, as {@link #legend} lays it out.
     * @param series the series
     * @param left where the legend starts
     * @param right where rows wrap
     * @return its height
     */
    static double legendHeight(List<Series> series, double left, double right) {
        List<double[]> places = legendPlaces(series, left, 0, right);
        return places.isEmpty() ? 0 : places.get(places.size() - 1)[1] + LEGEND_ROW;
    }

    private static List<double[]> legendPlaces(List<Series> series, double left, double top, double right) {
        List<double[]> places = new ArrayList<>();
        double x = left;
        double y = top;
        for (Series entry : series) {
            double width = 12 + 5 + textWidth(entry.label(), 12) + 18;
            if (x > left && x + width > right) {
                x = left;
                y += LEGEND_ROW;
            }
            places.add(new double[] { x, y });
            x += width;
        }
        return places;
    }

    /**
     * Ends the document.
     * @return the SVG text
     */
    String finish() {
        return this.svg.append("</svg>\n").toString();
    }

    /**
     * Escapes a text for XML content and attribute values.
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // XML 1.0 allows no control characters but tab, line feed and
                    // carriage return
                    boolean allowed = c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
                    escaped.append(allowed ? c : ' ');
                }
            }
        }
        return escaped.toString();
    }

    private void textElement(String role, double x, double y, String anchor, double size, boolean bold,
            @Nullable String transform, String text) {
        List<String> attributes = new ArrayList<>(List.of("x", Numbers.coordinate(x), "y", Numbers.coordinate(y),
                "text-anchor", anchor, "font-size", Numbers.coordinate(size)));
        if (bold) {
            attributes.addAll(List.of("font-weight", "bold"));
        }
        if (transform != null) {
            attributes.addAll(List.of("transform", transform));
        }
        attributes.addAll(List.of("fill", INK));
        open("text", role, attributes.toArray(String[]::new));
        this.svg.append('>').append(escape(text)).append("</text>\n");
    }

    /**
     * Writes an element's start tag up to its end: its class and attributes, each value
     * escaped.
     * @param element the element's name
     * @param role its class
     * @param attributes names and values, in turn
     */
    private void open(String element, String role, String... attributes) {
        this.svg.append('<').append(element).append(" class=\"").append(escape(role)).append('"');
        for (int i = 0; i < attributes.length; i += 2) {
            this.svg.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
    }

    private void closeWithTooltip(String element, @Nullable String tooltip) {
        if (tooltip == null) {
            this.svg.append("/>\n");
            return;
        }
        this.svg.append("><title>").append(escape(tooltip)).append("</title></").append(element).append(">\n");
    }

}
