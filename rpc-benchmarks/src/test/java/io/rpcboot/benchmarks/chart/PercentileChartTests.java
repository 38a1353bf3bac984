package io.rpcboot.benchmarks.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The latency percentile chart: well-formed SVG, HdrHistogram's percentile axis, latency
 * in a readable unit.
 */
class PercentileChartTests {

    private static final Series RPCBOOT = new Series("rpcboot", "#1f5fbf");

    private static final Series GRPC = new Series("gRPC-java & <friends>", "#e8710a");

    @Test
    void namesEveryStackInWellFormedSvg() {
        SvgDocument svg = SvgDocument.parse(chart(1_000).toSvg());
        assertThat(svg.title()).isEqualTo("Latency, echo");
        assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java & <friends>");
        assertThat(svg.elements("polyline", "series")).extracting(SvgDocument::tooltip)
            .containsExactly("rpcboot", "gRPC-java & <friends>");
        assertThat(svg.texts("x-label")).containsExactly("percentile");
        assertThat(svg.texts("y-label")).containsExactly("latency (µs)");
    }

    @Test
    void percentilesAreEquallySpacedByTheirNines() {
        SvgDocument svg = SvgDocument.parse(chart(1_000).toSvg());
        assertThat(svg.texts("x-tick")).containsExactly("0%", "90%", "99%", "99.9%", "99.99%");
        Map<String, Double> x = svg.elements("text", "x-tick")
            .stream()
            .collect(Collectors.toMap(Element::getTextContent, (tick) -> SvgDocument.number(tick, "x")));
        assertThat(x.get("99%")).isEqualTo((x.get("90%") + x.get("99.9%")) / 2, within(0.1));
        assertThat(x.get("99.9%") - x.get("99%")).isEqualTo(x.get("90%") - x.get("0%"), within(0.1));
        assertThat(x.get("99.99%") - x.get("99.9%")).isEqualTo(x.get("90%") - x.get("0%"), within(0.1));
    }

    @Test
    void curvesRunLeftToRightAndLeaveOutTheHundredthPercentile() {
        SvgDocument svg = SvgDocument.parse(chart(1_000).toSvg());
        List<double[]> points = points(svg.elements("polyline", "series").get(0));
        // the points were given out of order; 100% has no place on the axis
        assertThat(points).hasSize(6);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i)[0]).isGreaterThan(points.get(i - 1)[0]);
            // higher percentile, higher latency: higher on the chart, a smaller y
            assertThat(points.get(i)[1]).isLessThan(points.get(i - 1)[1]);
        }
        Map<String, Double> x = svg.elements("text", "x-tick")
            .stream()
            .collect(Collectors.toMap(Element::getTextContent, (tick) -> SvgDocument.number(tick, "x")));
        assertThat(points.get(0)[0]).isEqualTo(x.get("0%"), within(0.1));
        assertThat(points.get(3)[0]).isEqualTo(x.get("99%"), within(0.1));
        assertThat(points.get(5)[0]).isEqualTo(x.get("99.99%"), within(0.1));
    }

    @Test
    void latenciesFromTenMillisecondsUpAreInMilliseconds() {
        SvgDocument svg = SvgDocument.parse(chart(1_000_000).toSvg());
        assertThat(svg.texts("y-label")).containsExactly("latency (ms)");
        assertThat(svg.texts("y-tick")).contains("0", "20", "40");
    }

    @Test
    void aLogarithmicLatencyAxisSpacesDecadesEqually() {
        List<PercentileChart.Curve> curves = List.of(new PercentileChart.Curve(RPCBOOT,
                List.of(new PercentileChart.Point(50, 10_000), new PercentileChart.Point(99, 1_000_000))));
        SvgDocument svg = SvgDocument.parse(new PercentileChart("Latency", "", curves, true).toSvg());
        assertThat(svg.texts("y-tick")).containsExactly("10", "100", "1,000");
        Map<String, Double> y = svg.elements("text", "y-tick")
            .stream()
            .collect(Collectors.toMap(Element::getTextContent, (tick) -> SvgDocument.number(tick, "y")));
        assertThat(y.get("100")).isEqualTo((y.get("10") + y.get("1,000")) / 2, within(0.1));
        assertThat(svg.texts("y-label")).containsExactly("latency (µs, log scale)");
    }

    @Test
    void rejectsAPercentileOutsideZeroToHundred() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentileChart.Point(100.5, 1))
            .withMessage("A point needs a percentile in 0..100 and a latency >= 0, was 100.5, 1.0");
    }

    /** Latencies of a tenfold per decade of percentile, scaled, given out of order. */
    private static PercentileChart chart(double scale) {
        Function<Double, List<PercentileChart.Point>> points = (factor) -> List.of(
                new PercentileChart.Point(99, 8 * scale * factor), new PercentileChart.Point(0, scale * factor),
                new PercentileChart.Point(50, 2 * scale * factor), new PercentileChart.Point(90, 4 * scale * factor),
                new PercentileChart.Point(99.9, 16 * scale * factor),
                new PercentileChart.Point(99.99, 32 * scale * factor),
                new PercentileChart.Point(100, 100 * scale * factor));
        return new PercentileChart("Latency, echo", "", List.of(new PercentileChart.Curve(RPCBOOT, points.apply(1.0)),
                new PercentileChart.Curve(GRPC, points.apply(1.5))));
    }

    private static List<double[]> points(Element polyline) {
        List<double[]> points = new ArrayList<>();
        for (String point : polyline.getAttribute("points").split(" ")) {
            String[] xy = point.split(",");
            points.add(new double[] { Double.parseDouble(xy[0]), Double.parseDouble(xy[1]) });
        }
        return points;
    }

}
