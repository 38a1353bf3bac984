package io.rpcboot.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.rpcboot.benchmarks.chart.PercentileChart;
import io.rpcboot.benchmarks.chart.SvgDocument;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The charts of a run show what its table shows: the median over the rounds and their
 * spread, each stack in its own colour, latency curves where measurements have them.
 */
class ResultChartsTests {

    private static final Plan PLAN = Plan.parse("--stacks=rpcboot,grpc,netty", "--scenarios=echo-64,stream-1",
            "--rounds=3");

    private static final Scenario ECHO = PLAN.scenarios().get(0);

    private static final Scenario STREAM = PLAN.scenarios().get(1);

    @TempDir
    Path directory;

    @Test
    void throughputIsTheMedianOfTheRoundsWithTheLowestAndHighestRound() throws IOException {
        List<Path> charts = new ResultCharts(report()).write(this.directory, ResultCharts.NO_DISTRIBUTION);
        assertThat(charts).containsExactly(this.directory.resolve("throughput.svg"),
                this.directory.resolve("throughput-streams.svg"));
        SvgDocument svg = SvgDocument.parse(Files.readString(charts.get(0)));
        assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java", "raw Netty (baseline)");
        assertThat(svg.texts("group")).containsExactly("echo, 64 callers");
        assertThat(svg.texts("note"))
            .containsExactly("The median of 3 rounds; whiskers from the lowest to the highest round.");
        List<Element> bars = svg.elements("rect", "bar");
        assertThat(bars).extracting(SvgDocument::tooltip)
            .containsExactly("rpcboot, echo, 64 callers: 20k calls/s (10k to 30k)",
                    "gRPC-java, echo, 64 callers: 5,000 calls/s (4,000 to 6,000)",
                    "raw Netty (baseline), echo, 64 callers: 25k calls/s");
        assertThat(SvgDocument.number(bars.get(0), "width")).isEqualTo(4 * SvgDocument.number(bars.get(1), "width"),
                within(0.2));
    }

    @Test
    void streamsAreChartedInMessagesPerSecondForTheStacksThatStream() throws IOException {
        new ResultCharts(report()).write(this.directory, ResultCharts.NO_DISTRIBUTION);
        SvgDocument svg = SvgDocument.parse(Files.readString(this.directory.resolve("throughput-streams.svg")));
        assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java");
        assertThat(svg.texts("unit")).containsOnly("messages/s");
        // 2 and 1 streams of 10,000 messages per second
        assertThat(svg.texts("value")).containsExactly("20k", "10k");
    }

    @Test
    void latencyChartsShowTheRoundWithTheMedianP99OfScenariosWithADistribution() throws IOException {
        List<Measurement> asked = new ArrayList<>();
        Function<Measurement, List<PercentileChart.Point>> distribution = (measurement) -> {
            asked.add(measurement);
            return (measurement.stack() == Stack.NETTY) ? List.of()
                    : List.of(new PercentileChart.Point(50, measurement.p50Nanos()),
                            new PercentileChart.Point(99, measurement.p99Nanos()));
        };
        List<Path> charts = new ResultCharts(report()).write(this.directory, distribution);
        assertThat(charts).contains(this.directory.resolve("latency-echo-64-callers.svg"));
        // the rounds' p99 were 3, 1 and 2 ms: the table's median is 2 ms, so is the
        // chart's round
        assertThat(asked).filteredOn((m) -> m.stack() == Stack.RPCBOOT)
            .extracting(Measurement::p99Nanos)
            .containsExactly(2_000_000L);
        SvgDocument svg = SvgDocument.parse(Files.readString(this.directory.resolve("latency-echo-64-callers.svg")));
        // raw Netty had no distribution: no line
        assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java");
        assertThat(svg.title()).isEqualTo("Latency by percentile, echo, 64 callers (lower is better)");
        assertThat(svg.texts("note")).containsExactly("Each stack's round with the median p99.");
    }

    @Test
    void aFixedRateOfGrpcJavasThroughputIsTitledWithTheRateMeasuredInTheRun() throws IOException {
        Plan plan = Plan.parse("--stacks=rpcboot,grpc", "--scenarios=rate-50", "--rounds=1");
        Scenario rate = plan.scenarios().get(0);
        List<Measurement> results = new ArrayList<>();
        for (Stack stack : plan.stacks()) {
            results.add(new Measurement(stack, rate, 2_500, 0, 1_000_000_000L, 500_000, 1_000_000, 2_000_000, 3_000_000,
                    null, 2_500, Measurement.Costs.UNKNOWN, List.of()));
        }
        Report report = new Report(plan, results, 0);
        String name = "echo at 50% of gRPC-java's max (2,500 calls/s), 64 senders";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| " + name + " | rpcboot | 2,500 |")
            .doesNotContain("| echo at 50% of gRPC-java's max, 64 senders |");
        List<Path> charts = new ResultCharts(report).write(this.directory,
                (measurement) -> List.of(new PercentileChart.Point(50, measurement.p50Nanos()),
                        new PercentileChart.Point(99, measurement.p99Nanos())));
        // the file keeps the name the docs link to
        Path latency = this.directory.resolve("latency-echo-at-50-of-grpc-java-s-max-64-senders.svg");
        assertThat(charts).contains(latency);
        assertThat(SvgDocument.parse(Files.readString(latency)).title())
            .isEqualTo("Latency by percentile, " + name + " (lower is better)");
        assertThat(SvgDocument.parse(Files.readString(charts.get(0))).texts("group")).containsExactly(name);
    }

    @Test
    void aFixedRateOfAGivenRateIsTitledWithItsCallsPerSecondInTheFileOfItsPercentage() throws IOException {
        Plan plan = Plan.parse("--stacks=rpcboot,grpc", "--scenarios=rate-80", "--rounds=1", "--rate=400");
        Scenario rate = plan.scenarios().get(0);
        List<Measurement> results = new ArrayList<>();
        for (Stack stack : plan.stacks()) {
            results.add(new Measurement(stack, rate, 320, 0, 1_000_000_000L, 500_000, 1_000_000, 2_000_000, 3_000_000,
                    null, 320, Measurement.Costs.UNKNOWN, List.of()));
        }
        new ResultCharts(new Report(plan, results, 0)).write(this.directory,
                (measurement) -> List.of(new PercentileChart.Point(50, measurement.p50Nanos()),
                        new PercentileChart.Point(99, measurement.p99Nanos())));
        Path latency = this.directory.resolve("latency-echo-at-80-of-grpc-java-s-max-64-senders.svg");
        assertThat(SvgDocument.parse(Files.readString(latency)).title())
            .isEqualTo("Latency by percentile, echo at 320 calls/s (80% of --rate=400), 64 senders (lower is better)");
    }

    @Test
    void everyStackHasAColourOfItsOwn() {
        assertThat(Arrays.stream(Stack.values()).map((stack) -> ResultCharts.series(stack).colour()).distinct())
            .hasSize(Stack.values().length);
    }

    @Test
    void aHistogramGivesItsPercentileDistribution() {
        Histogram latencies = new Histogram(3);
        for (long micros = 1; micros <= 1000; micros++) {
            latencies.recordValue(micros * 1000);
        }
        List<PercentileChart.Point> points = ResultCharts.points(latencies);
        assertThat(points.get(0).percentile()).isZero();
        assertThat(points.get(points.size() - 1).percentile()).isEqualTo(100);
        assertThat(points).anySatisfy((point) -> {
            assertThat(point.percentile()).isCloseTo(50, within(1e-9));
            assertThat(point.nanos()).isCloseTo(500_000, within(1_000.0));
        });
        SvgDocument.parse(new PercentileChart("Latency", "",
                List.of(new PercentileChart.Curve(ResultCharts.series(Stack.RPCBOOT), points)))
            .toSvg());
    }

    private static Report report() {
        List<Measurement> results = new ArrayList<>();
        // echo calls/s over three rounds: rpcboot 30k, 10k, 20k; gRPC 4k, 6k, 5k; Netty
        // 25k
        long[][] rpcboot = { { 30_000, 3_000_000 }, { 10_000, 1_000_000 }, { 20_000, 2_000_000 } };
        for (long[] round : rpcboot) {
            results.add(measured(Stack.RPCBOOT, ECHO, round[0], round[1]));
        }
        for (long calls : new long[] { 4_000, 6_000, 5_000 }) {
            results.add(measured(Stack.GRPC, ECHO, calls, 1_000_000));
        }
        for (int round = 0; round < 3; round++) {
            results.add(measured(Stack.NETTY, ECHO, 25_000, 1_000_000));
            results.add(measured(Stack.RPCBOOT, STREAM, 2, 1_000_000));
            results.add(measured(Stack.GRPC, STREAM, 1, 1_000_000));
        }
        return new Report(PLAN, results, 0);
    }

    /** A round of one second with the given calls and p99. */
    private static Measurement measured(Stack stack, Scenario scenario, long calls, long p99Nanos) {
        return new Measurement(stack, scenario, calls, 0, 1_000_000_000L, p99Nanos / 2, p99Nanos, p99Nanos * 2,
                p99Nanos * 3, null, 0, Measurement.Costs.UNKNOWN, List.of());
    }

}
