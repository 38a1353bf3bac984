package io.rpcboot.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rpcboot.benchmarks.chart.SvgDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark from rotting: every stack runs every scenario with a few calls and
 * must answer each call correctly (echo returns the item it was sent, list returns the n
 * items asked for), and the run's charts are written and well-formed. Speed is never
 * asserted here; it is measured by {@code run.sh}.
 */
class BenchmarkSmokeTests {

    @TempDir
    Path chartDirectory;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyStackAnswersEveryScenarioCorrectly() throws InterruptedException {
        // the default stacks, and the variants that the full run leaves out
        Plan plan = Plan.parse("--smoke",
                "--stacks=rpcboot,rpcboot-json,rpcboot-balanced,rpcboot-tls,grpc,grpc-direct,grpc-tls,mvc,netty");
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        assertThat(results).hasSize(Stack.values().length * plan.scenarios().size());
        assertThat(results).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(measurement.scenario().measuredCalls());
        });
        assertThat(print(plan, results)).contains("| echo, 64 callers | rpcboot |")
            .contains("| list(1000), 8 callers | gRPC-java |");
        assertThat(charts(plan, results)).containsOnlyKeys("throughput.svg").allSatisfy((name, svg) -> {
            assertThat(svg.texts("legend"))
                .containsExactlyElementsOf(plan.stacks().stream().map(Stack::label).toList());
            assertThat(svg.texts("group"))
                .containsExactlyElementsOf(plan.scenarios().stream().map(Scenario::name).toList());
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyStreamingStackDeliversEveryMessageOfEveryStreamInOrder() throws InterruptedException {
        Plan plan = Plan.parse("--smoke", "--scenarios=stream", "--stacks=rpcboot,grpc,netty");
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        // raw Netty does not stream: the stream scenarios skip it
        assertThat(results).extracting(Measurement::stack).containsOnly(Stack.RPCBOOT, Stack.GRPC);
        assertThat(results).hasSize(2 * plan.scenarios().size()).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            // a stream counts as an error unless its items came complete and in order
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(measurement.scenario().measuredCalls());
        });
        assertThat(print(plan, results)).contains("| stream of 20, 16 concurrent streams | rpcboot | ")
            .contains("| stream of 20, 1 stream | gRPC-java | ");
        assertThat(charts(plan, results)).containsOnlyKeys("throughput-streams.svg")
            .allSatisfy((name, svg) -> assertThat(svg.texts("legend")).containsExactly("rpcboot", "gRPC-java"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serverAndLoadJvmsOfTheMeasuredRunReportTheirMeasurements() throws InterruptedException {
        Plan plan = Plan.parse("--smoke", "--stacks=netty");
        List<Measurement> results = new Benchmark(plan, System.out, true).run();
        assertThat(results).hasSize(plan.scenarios().size()).allSatisfy((measurement) -> {
            assertThat(measurement.errors()).as(measurement.scenario().name() + ": " + measurement.firstError())
                .isZero();
            assertThat(measurement.calls()).isEqualTo(measurement.scenario().measuredCalls());
        });
    }

    /** Writes the run's charts and reads them back, by file name. */
    private Map<String, SvgDocument> charts(Plan plan, List<Measurement> results) {
        Map<String, SvgDocument> charts = new LinkedHashMap<>();
        for (Path chart : new ResultCharts(new Report(plan, results, 0)).write(this.chartDirectory,
                ResultCharts.NO_DISTRIBUTION)) {
            try {
                charts.put(chart.getFileName().toString(), SvgDocument.parse(Files.readString(chart)));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return charts;
    }

    private static String print(Plan plan, List<Measurement> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Report(plan, results, 0).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
