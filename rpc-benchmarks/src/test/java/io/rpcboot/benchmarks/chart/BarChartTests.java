package io.rpcboot.benchmarks.chart;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The throughput chart: well-formed SVG, every stack and scenario named, bars as long as
 * their values, whiskers over the range, labels escaped.
 */
class BarChartTests {

    private static final Series RPCBOOT = new Series("rpcboot", "#1f5fbf");

    private static final Series GRPC = new Series("gRPC-java", "#e8710a");

    private static final Series NETTY = new Series("raw Netty (baseline)", "#6e6e6e");

    @Test
    void namesEveryStackAndScenarioInWellFormedSvg() {
        SvgDocument svg = SvgDocument.parse(chart().toSvg());
        assertThat(svg.title()).isEqualTo("Throughput");
        assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java", "raw Netty (baseline)");
        assertThat(svg.texts("group")).containsExactly("echo, 64 callers", "list(1000), 8 callers");
        assertThat(svg.texts("bar-label")).containsExactly("rpcboot", "gRPC-java", "raw Netty (baseline)", "rpcboot",
                "gRPC-java");
        assertThat(svg.texts("unit")).containsOnly("calls/s");
        assertThat(svg.texts("value")).containsExactly("40k", "20k", "50k", "1,234", "617");
        assertThat(svg.elements("rect", "bar")).extracting(SvgDocument::tooltip)
            .startsWith("rpcboot, echo, 64 callers: 40k calls/s (30k to 45k)");
    }

    @Test
    void barsAreAsLongAsTheirValuesWithinAScenario() {
        SvgDocument svg = SvgDocument.parse(chart().toSvg());
        List<Element> bars = svg.elements("rect", "bar");
        double rpcboot = SvgDocument.number(bars.get(0), "width");
        double grpc = SvgDocument.number(bars.get(1), "width");
        double netty = SvgDocument.number(bars.get(2), "width");
        assertThat(rpcboot).isEqualTo(2 * grpc, within(0.2));
        assertThat(netty).isEqualTo(2.5 * grpc, within(0.2));
        // every bar starts at the value axis's zero
        assertThat(bars).extracting((bar) -> bar.getAttribute("x")).containsOnly(bars.get(0).getAttribute("x"));
        // the list's values are a fortieth of the echo's; their panel has an axis of its
        // own
        double listRpcboot = SvgDocument.number(bars.get(3), "width");
        double listGrpc = SvgDocument.number(bars.get(4), "width");
        assertThat(listRpcboot).isEqualTo(2 * listGrpc, within(0.2)).isGreaterThan(rpcboot / 2);
    }

    @Test
    void whiskersSpanTheRangeOnTheBarsScale() {
        SvgDocument svg = SvgDocument.parse(chart().toSvg());
        Element bar = svg.elements("rect", "bar").get(0);
        Element whisker = svg.elements("line", "whisker").get(0);
        double zero = SvgDocument.number(bar, "x");
        double perUnit = SvgDocument.number(bar, "width") / 40_000;
        assertThat(SvgDocument.number(whisker, "x1") - zero).isEqualTo(30_000 * perUnit, within(0.2));
        assertThat(SvgDocument.number(whisker, "x2") - zero).isEqualTo(45_000 * perUnit, within(0.2));
        // a bar without a range has no whisker: three lines (the range and its two ends)
        // per bar with one
        assertThat(svg.elements("line", "whisker")).hasSize(3 * 2);
    }

    @Test
    void escapesSpecialCharactersInLabels() {
        Series odd = new Series("a<b> & \"c\" 'd'", "#123456");
        String text = new BarChart("Title <&>", "note > 1", "calls/s",
                List.of(new BarChart.Group("x & y < z", List.of(BarChart.Bar.of(odd, 10)))))
            .toSvg();
        assertThat(text).doesNotContain("a<b>").contains("a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;");
        SvgDocument svg = SvgDocument.parse(text);
        assertThat(svg.title()).isEqualTo("Title <&>");
        assertThat(svg.texts("legend")).containsExactly("a<b> & \"c\" 'd'");
        assertThat(svg.texts("group")).containsExactly("x & y < z");
        assertThat(svg.texts("note")).containsExactly("note > 1");
    }

    @Test
    void rejectsABarOutsideItsRangeAndABadColour() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BarChart.Bar(RPCBOOT, 10, 11, 12))
            .withMessage("Bar of 'rpcboot' needs 0 <= low <= value <= high, all finite; was 11.0, 10.0, 12.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new Series("rpcboot", "blue\" onload=\"x"))
            .withMessage("Colour of series 'rpcboot' must be #rrggbb, was 'blue\" onload=\"x'");
    }

    private static BarChart chart() {
        return new BarChart("Throughput", "", "calls/s", List.of(
                new BarChart.Group("echo, 64 callers",
                        List.of(new BarChart.Bar(RPCBOOT, 40_000, 30_000, 45_000), BarChart.Bar.of(GRPC, 20_000),
                                new BarChart.Bar(NETTY, 50_000, 49_000, 51_000))),
                new BarChart.Group("list(1000), 8 callers",
                        List.of(BarChart.Bar.of(RPCBOOT, 1_234), BarChart.Bar.of(GRPC, 617)))));
    }

}
