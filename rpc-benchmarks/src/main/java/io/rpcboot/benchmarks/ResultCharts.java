package io.rpcboot.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.rpcboot.benchmarks.chart.BarChart;
import io.rpcboot.benchmarks.chart.PercentileChart;
import io.rpcboot.benchmarks.chart.Series;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns a run's report into charts: {@code throughput.svg} (calls/s of every unary
 * scenario and stack, the median over the rounds with the rounds' spread, as the table
 * shows them), {@code throughput-streams.svg} (messages/s of the stream scenarios) and,
 * for each scenario whose measurements carry a latency distribution,
 * {@code latency-<scenario>.svg}. Each stack has one colour in every chart.
 */
final class ResultCharts {

    /** For measurements that carry no latency distribution: no latency charts. */
    static final Function<Measurement, List<PercentileChart.Point>> NO_DISTRIBUTION = (measurement) -> List.of();

    private final Report report;

    ResultCharts(Report report) {
        this.report = report;
    }

    /**
     * Writes the throughput charts, and the latency charts of the scenarios whose
     * measurements have a distribution.
     * @param directory where the charts go, created if missing
     * @param distribution a measurement's latencies by percentile, empty when it has none
     * @return the files written
     * @throws UncheckedIOException when a file cannot be written
     */
    List<Path> write(Path directory, Function<Measurement, List<PercentileChart.Point>> distribution) {
        List<Path> written = new ArrayList<>();
        Plan plan = this.report.plan();
        List<Scenario> unary = plan.scenarios().stream().filter((s) -> s.call() != Scenario.Call.STREAM).toList();
        List<Scenario> streams = plan.scenarios().stream().filter((s) -> s.call() == Scenario.Call.STREAM).toList();
        throughput(unary, "calls/s")
            .ifPresent((chart) -> written.add(write(directory, "throughput.svg", chart.toSvg())));
        throughput(streams, "messages/s")
            .ifPresent((chart) -> written.add(write(directory, "throughput-streams.svg", chart.toSvg())));
        for (Scenario scenario : unary) {
            latency(scenario, distribution).ifPresent(
                    (chart) -> written.add(write(directory, "latency-" + fileName(scenario) + ".svg", chart.toSvg())));
        }
        return written;
    }

    /**
     * Returns the throughput of the given scenarios, a group per scenario and a bar per
     * stack that measured it.
     * @param scenarios the scenarios
     * @param unit calls/s, or messages/s for streams
     * @return the chart, empty when nothing was measured
     */
    Optional<BarChart> throughput(List<Scenario> scenarios, String unit) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<BarChart.Bar> bars = new ArrayList<>();
            double perCall = scenario.messagesPerCall();
            for (Stack stack : this.report.plan().stacks()) {
                Report.Row row = this.report.row(stack, scenario);
                if (stack.runs(scenario) && row.throughput() > 0) {
                    bars.add(new BarChart.Bar(series(stack), row.throughput() * perCall, row.minThroughput() * perCall,
                            row.maxThroughput() * perCall));
                }
            }
            if (!bars.isEmpty()) {
                groups.add(new BarChart.Group(this.report.name(scenario), bars));
            }
        }
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        int rounds = this.report.plan().rounds();
        String note = (rounds > 1)
                ? "The median of " + rounds + " rounds; whiskers from the lowest to the highest round." : "One round.";
        return Optional.of(new BarChart("Throughput, " + unit + " (higher is better)", note, unit, groups));
    }

    /**
     * Returns the latency percentile curves of a scenario, each stack's from the round
     * with the median p99 (the one the table shows).
     * @param scenario the scenario
     * @param distribution a measurement's latencies by percentile
     * @return the chart, empty when no stack's measurement has a distribution
     */
    Optional<PercentileChart> latency(Scenario scenario,
            Function<Measurement, List<PercentileChart.Point>> distribution) {
        List<PercentileChart.Curve> curves = new ArrayList<>();
        for (Stack stack : this.report.plan().stacks()) {
            this.report.row(stack, scenario)
                .middleRound(Measurement::p99Nanos)
                .map(distribution)
                .filter((points) -> !points.isEmpty())
                .ifPresent((points) -> curves.add(new PercentileChart.Curve(series(stack), points)));
        }
        return curves.isEmpty() ? Optional.empty()
                : Optional.of(new PercentileChart(
                        "Latency by percentile, " + this.report.name(scenario) + " (lower is better)",
                        (this.report.plan().rounds() > 1) ? "Each stack's round with the median p99." : "", curves));
    }

    /**
     * Returns a histogram's percentile distribution as HdrHistogram reports it, five
     * points per halving of the distance to 100%.
     * @param latencies latencies in nanoseconds
     * @return the points
     */
    static List<PercentileChart.Point> points(Histogram latencies) {
        List<PercentileChart.Point> points = new ArrayList<>();
        for (HistogramIterationValue value : latencies.percentiles(5)) {
            points.add(new PercentileChart.Point(value.getPercentileLevelIteratedTo(), value.getValueIteratedTo()));
        }
        return points;
    }

    /**
     * Returns a stack's series: the rpcboot stacks in blues and violets, gRPC-java's in
     * oranges and reds, Spring MVC green, the raw Netty baseline grey.
     * @param stack the stack
     * @return its series
     */
    static Series series(Stack stack) {
        String colour = switch (stack.id()) {
            case "rpcboot" -> "#1f5fbf";
            case "rpcboot-json" -> "#6aa6ee";
            case "rpcboot-balanced" -> "#2aa3c9";
            case "rpcboot-tls" -> "#13306b";
            case "rpcboot-blocking" -> "#5b3fa8";
            case "rpcboot-virtual" -> "#9b7fe0";
            case "grpc" -> "#e8710a";
            case "grpc-executor" -> "#c0392b";
            case "grpc-direct" -> "#f5b041";
            case "grpc-tls" -> "#a3400c";
            case "mvc" -> "#3a9a4a";
            case "netty" -> "#6e6e6e";
            default ->
                stack.id().startsWith("rpcboot") ? "#8fb4e3" : stack.id().startsWith("grpc") ? "#c98a52" : "#8e5cc2";
        };
        return new Series(stack.label(), colour);
    }

    private static String fileName(Scenario scenario) {
        // a fixed rate's chart keeps its file whatever the rate: the name of its
        // percentage
        String name = (scenario.call() == Scenario.Call.RATE)
                ? Scenario.rate(scenario.size(), scenario.threads(), 0, 0, 0).name() : scenario.name();
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static Path write(Path directory, String name, String svg) {
        try {
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve(name), svg, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the chart " + directory.resolve(name), ex);
        }
    }

}
