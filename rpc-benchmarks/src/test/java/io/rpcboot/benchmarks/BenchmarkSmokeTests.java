package io.rpcboot.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.rpcboot.benchmarks.chart.SvgDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

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
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyStackAnswersEveryScenarioCorrectly() throws InterruptedException {
        // the default stacks, and the variants that the full run leaves out; a stack that
        // needs a later Java than this JVM's is left out, saying why
        List<Stack> runnable = new ArrayList<>();
        for (Stack stack : Stack.values()) {
            String missing = stack.missingRequirement();
            if (missing != null) {
                System.out.println("Left out: " + missing);
            }
            else {
                runnable.add(stack);
            }
        }
        assertThat(runnable).contains(Stack.RPCBOOT_BLOCKING, Stack.GRPC_EXECUTOR);
        Plan plan = Plan.parse("--smoke",
                "--stacks=" + runnable.stream().map(Stack::id).collect(Collectors.joining(",")));
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        assertThat(results).hasSize(runnable.size() * plan.scenarios().size());
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
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void thousandCallersAnswerCorrectlyOnPlatformThreadsAndOnVirtualThreads() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--smoke", "--stacks=rpcboot-blocking,grpc-executor"));
        String missing = VirtualThreads.missing("The scenario echo-1000v");
        if (missing != null) {
            System.out.println("Left out: " + missing);
            assertThatIllegalArgumentException().isThrownBy(() -> Plan.parse("--smoke", "--scenarios=echo-1000v"))
                .withMessageContaining("needs Java 21+");
            assertThatIllegalArgumentException()
                .isThrownBy(() -> Plan.parse("--smoke", "--stacks=rpcboot-virtual", "--scenarios=echo-1000"))
                .withMessageContaining("needs Java 21+");
            args.add("--scenarios=echo-1000");
        }
        else {
            args.set(1, "--stacks=rpcboot-blocking,rpcboot-virtual,grpc-executor");
            args.add("--scenarios=echo-1000,echo-1000v");
        }
        Plan plan = Plan.parse(args.toArray(String[]::new));
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        assertThat(results).hasSize(plan.stacks().size() * plan.scenarios().size()).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(measurement.scenario().measuredCalls());
        });
        String report = print(plan, results);
        assertThat(report).contains("| echo, 1000 callers | rpcboot, default (blocking) methods |")
            .contains("| echo, 1000 callers | gRPC-java, default executor |");
        if (missing == null) {
            assertThat(report).contains(
                    "| echo, 1000 virtual-thread callers | rpcboot, default (blocking) methods on virtual threads |");
        }
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
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAsynchronousStackCompletesEveryCallOfThousandsInFlight() throws InterruptedException {
        Plan plan = Plan.parse("--smoke", "--scenarios=async-10k", "--stacks=rpcboot,grpc,netty");
        Scenario scenario = plan.scenarios().get(0);
        // more calls in flight than rpcboot's server runs per connection by default
        // (1000)
        assertThat(scenario.size()).isEqualTo(Plan.SMOKE_ASYNC_IN_FLIGHT).isGreaterThan(1000);
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        // raw Netty has no asynchronous call: the scenario skips it
        assertThat(results).extracting(Measurement::stack).containsExactly(Stack.RPCBOOT, Stack.GRPC);
        assertThat(results).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            // a call that failed, answered wrongly or never completed (lost) is an error
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(scenario.measuredCalls());
        });
        // a stack that skips the scenario has no row of zeros in the report
        assertThat(print(plan, results)).contains("| echo async, 2,000 in flight | rpcboot | ")
            .contains("| echo async, 2,000 in flight | gRPC-java | ")
            .doesNotContain("| echo async, 2,000 in flight | raw Netty (baseline) |");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyStackAnswersEveryCallAtAFixedRate() throws InterruptedException {
        // a reference of 400 calls/s: 200 and 320 calls/s, 100 calls each
        Plan plan = Plan.parse("--smoke", "--scenarios=rate", "--rate=400", "--stacks=rpcboot,grpc,mvc,netty");
        List<Measurement> results = new Benchmark(plan, System.out, false).run();
        assertThat(results).hasSize(4 * 2).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(Plan.SMOKE_RATE_CALLS);
            assertThat(measurement.targetRate()).as(what).isEqualTo(4.0 * measurement.scenario().size());
            assertThat(measurement.percentiles()).as(what).hasSize(PercentilePoint.PERCENTILES.length);
        });
        assertThat(print(plan, results)).contains("- reference of the fixed rates (their 100%): --rate=400 calls/s")
            .contains("| echo at 200 calls/s (50% of --rate=400), 64 senders | rpcboot | 200 | ")
            .contains("| echo at 320 calls/s (80% of --rate=400), 64 senders | raw Netty (baseline) | 320 | ")
            .doesNotContain("gRPC-java's max");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void serverAndLoadJvmsOfTheMeasuredRunReportTheirMeasurements() throws InterruptedException {
        Plan plan = Plan.parse("--smoke", "--stacks=netty", "--scenarios=echo-1,echo-64,list,stream-16,rate-50",
                "--rate=400");
        List<Measurement> results = new Benchmark(plan, System.out, true).run();
        // raw Netty does not stream
        assertThat(results).hasSize(plan.scenarios().size() - 1).allSatisfy((measurement) -> {
            String what = measurement.scenario().name();
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).isEqualTo(measurement.scenario().measuredCalls());
            // both JVMs allocate and spend CPU time on every call: read around the
            // measured calls
            assertThat(measurement.loadBytesPerCall()).as(what).isPositive();
            assertThat(measurement.serverBytesPerCall()).as(what).isPositive();
            assertThat(measurement.loadCpuNanosPerCall()).as(what).isPositive();
            assertThat(measurement.serverCpuNanosPerCall()).as(what).isPositive();
        });
        assertThat(results.get(3).targetRate()).isEqualTo(200);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theFixedRatesAreTheirPercentageOfGrpcJavasEchoThroughputMeasuredInTheSameRun() throws InterruptedException {
        // no --rate: gRPC-java's echo with 64 callers is measured first, in its own JVMs
        Plan plan = Plan.parse("--smoke", "--stacks=netty,grpc", "--scenarios=rate");
        List<Measurement> results = new Benchmark(plan, System.out, true).run();
        assertThat(results).hasSize(2 * 2).allSatisfy((measurement) -> {
            String what = measurement.stack().label() + ", " + measurement.scenario().name();
            assertThat(measurement.errors()).as(what + ": " + measurement.firstError()).isZero();
            assertThat(measurement.calls()).as(what).isEqualTo(Plan.SMOKE_RATE_CALLS);
        });
        double reference = results.get(0).targetRate() * 2;
        assertThat(reference).isPositive();
        assertThat(results).allSatisfy((measurement) -> assertThat(measurement.targetRate())
            .isCloseTo(reference * measurement.scenario().size() / 100, within(1e-6 * reference)));
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
