package io.rpcboot.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Prints a run's results as Markdown: the environment, one table of every stack and
 * scenario (the median over the rounds, and the spread of the throughput) with ratios
 * against the baseline, and the ratios the performance targets are stated in.
 */
final class Report {

    private final Plan plan;

    private final List<Measurement> results;

    private final double loadAverageBefore;

    Report(Plan plan, List<Measurement> results, double loadAverageBefore) {
        this.plan = plan;
        this.results = results;
        this.loadAverageBefore = loadAverageBefore;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String summary(Measurement m) {
        if (m.calls() == 0) {
            return m.scenario().name() + ": failed: " + m.firstError();
        }
        if (m.scenario().call() == Scenario.Call.STREAM) {
            return String.format(Locale.ROOT, "%s: %s messages/s, %s streams/s, errors %d%s", m.scenario().name(),
                    calls(messages(m)), calls(m.throughput()), m.errors(),
                    (m.firstError() != null) ? " (first: " + m.firstError() + ")" : "");
        }
        return String.format(Locale.ROOT, "%s: %s calls/s, p50 %s µs, p99 %s µs, errors %d%s", m.scenario().name(),
                calls(m.throughput()), micros(m.p50Nanos()), micros(m.p99Nanos()), m.errors(),
                (m.firstError() != null) ? " (first: " + m.firstError() + ")" : "");
    }

    void print(PrintStream out) {
        out.println();
        out.println("## Results");
        out.println();
        out.println("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.println("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        out.println("- processors: " + Runtime.getRuntime().availableProcessors() + ", OS: "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        out.printf(Locale.ROOT, "- system load average (1 min) before the run: %.2f%n", this.loadAverageBefore);
        out.println("- JVM flags of the server and load JVMs: " + String.join(" ", JvmProcess.inheritedFlags()));
        boolean smoke = this.plan.scenarios().get(0).measuredCalls() > 0;
        out.println("- measured: " + (smoke ? "a fixed number of calls per scenario (smoke run)"
                : this.plan.rounds() + " rounds of " + this.plan.measure().toMillis() / 1000.0
                        + " s per stack and scenario, the stacks taking turns; values are medians over the rounds"));
        out.println("- warm-up calls before the first round (a tenth before each later one): " + String.join(", ",
                this.plan.scenarios()
                    .stream()
                    .map((scenario) -> scenario.name() + " " + scenario.warmupCalls()
                            + ((scenario.call() == Scenario.Call.STREAM) ? " streams" : ""))
                    .toList()));
        out.println("- baseline of the ratios: " + this.plan.baseline().label());
        out.println();
        List<Scenario> unary = this.plan.scenarios()
            .stream()
            .filter((scenario) -> scenario.call() != Scenario.Call.STREAM)
            .toList();
        if (!unary.isEmpty()) {
            printCalls(out, unary);
        }
        List<Scenario> streams = this.plan.scenarios()
            .stream()
            .filter((scenario) -> scenario.call() == Scenario.Call.STREAM)
            .toList();
        if (!streams.isEmpty()) {
            printStreams(out, streams);
        }
        if (!smoke) {
            printTargets(out);
        }
        this.results.stream()
            .filter((m) -> m.firstError() != null)
            .forEach((m) -> out
                .println("- error, " + m.stack().label() + ", " + m.scenario().name() + ": " + m.firstError()));
    }

    private void printCalls(PrintStream out, List<Scenario> scenarios) {
        out.println("| scenario | stack | calls/s | (min-max over rounds) | p50 µs | p99 µs | p99.9 µs | errors"
                + " | calls/s vs baseline | p50 vs baseline |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scenario scenario : scenarios) {
            Row baseline = row(this.plan.baseline(), scenario);
            for (Stack stack : this.plan.stacks()) {
                Row row = row(stack, scenario);
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d | %s | %s |%n", scenario.name(),
                        stack.label(), calls(row.throughput()),
                        calls(row.minThroughput()) + "-" + calls(row.maxThroughput()), micros(row.p50()),
                        micros(row.p99()), micros(row.p999()), row.errors(),
                        ratio(row.throughput(), baseline.throughput()), ratio(row.p50(), baseline.p50()));
            }
        }
        out.println();
    }

    private void printStreams(PrintStream out, List<Scenario> scenarios) {
        out.println("| scenario | stack | messages/s | (min-max over rounds without errors) | streams/s | errors"
                + " | messages/s vs gRPC-java |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Scenario scenario : scenarios) {
            Row grpc = row(Stack.GRPC, scenario);
            for (Stack stack : this.plan.stacks()) {
                if (!stack.runs(scenario)) {
                    continue;
                }
                Row row = row(stack, scenario);
                long errors = this.results.stream()
                    .filter((m) -> m.stack() == stack && m.scenario().equals(scenario))
                    .mapToLong(Measurement::errors)
                    .sum();
                long perStream = scenario.messagesPerCall();
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s |%n", scenario.name(), stack.label(),
                        calls(row.throughput() * perStream),
                        calls(row.minThroughput() * perStream) + "-" + calls(row.maxThroughput() * perStream),
                        String.format(Locale.ROOT, "%.1f", row.throughput()), errors,
                        ratio(row.throughput(), grpc.throughput()));
            }
        }
        out.println();
    }

    private static double messages(Measurement m) {
        return m.throughput() * m.scenario().messagesPerCall();
    }

    private void printTargets(PrintStream out) {
        out.println();
        out.println("| ratio (same run) | target | measured | verdict |");
        out.println("|---|---|---:|---|");
        for (Scenario scenario : this.plan.scenarios()) {
            if (scenario.call() == Scenario.Call.STREAM) {
                atLeast(out, "rpcboot / gRPC-java, " + scenario.name() + ", messages/s", 1.5,
                        ratio(Stack.RPCBOOT, Stack.GRPC, scenario, Row::throughput));
            }
        }
        scenario(Scenario.Call.ECHO, 64).ifPresent((scenario) -> {
            atLeast(out, "rpcboot / gRPC-java, " + scenario.name() + ", calls/s", 4.0,
                    ratio(Stack.RPCBOOT, Stack.GRPC, scenario, Row::throughput));
            atLeast(out, "rpcboot / raw Netty, " + scenario.name() + ", calls/s", 0.7,
                    ratio(Stack.RPCBOOT, Stack.NETTY, scenario, Row::throughput));
        });
        scenario(Scenario.Call.ECHO, 1)
            .ifPresent((scenario) -> atMost(out, "rpcboot / raw Netty, " + scenario.name() + ", p50 latency", 1.5,
                    ratio(Stack.RPCBOOT, Stack.NETTY, scenario, Row::p50)));
        scenario(Scenario.Call.LIST, 8).ifPresent((scenario) -> {
            atLeast(out, "rpcboot / gRPC-java, " + scenario.name() + ", calls/s", 1.2,
                    ratio(Stack.RPCBOOT, Stack.GRPC, scenario, Row::throughput));
            atLeast(out, "rpcboot with JSON payloads / gRPC-java, " + scenario.name() + ", calls/s", 1.2,
                    ratio(Stack.RPCBOOT_JSON, Stack.GRPC, scenario, Row::throughput));
        });
        out.println();
    }

    private Optional<Scenario> scenario(Scenario.Call call, int threads) {
        return this.plan.scenarios()
            .stream()
            .filter((scenario) -> scenario.call() == call && scenario.threads() == threads)
            .findFirst();
    }

    private Optional<Double> ratio(Stack stack, Stack other, Scenario scenario, ToDoubleFunction<Row> value) {
        if (!this.plan.stacks().contains(stack) || !this.plan.stacks().contains(other)) {
            return Optional.empty();
        }
        double a = value.applyAsDouble(row(stack, scenario));
        double b = value.applyAsDouble(row(other, scenario));
        return (a > 0 && b > 0) ? Optional.of(a / b) : Optional.empty();
    }

    /**
     * Returns a stack's rounds of a scenario; for streams only the rounds without errors,
     * since a failed stream would count messages that never came.
     */
    Row row(Stack stack, Scenario scenario) {
        boolean stream = scenario.call() == Scenario.Call.STREAM;
        return new Row(this.results.stream()
            .filter((m) -> m.stack() == stack && m.scenario().equals(scenario))
            .filter((m) -> !stream || m.errors() == 0)
            .toList());
    }

    private static void atLeast(PrintStream out, String name, double target, Optional<Double> measured) {
        String verdict = measured
            .map((value) -> (value >= target) ? "met" : String.format(Locale.ROOT,
                    "missed: %.0f%% of the target (%.2fx short)", 100 * value / target, target / value))
            .orElse("not measured");
        out.printf(Locale.ROOT, "| %s | >= %.1fx | %s | %s |%n", name, target,
                measured.map((value) -> String.format(Locale.ROOT, "%.2fx", value)).orElse("-"), verdict);
    }

    private static void atMost(PrintStream out, String name, double target, Optional<Double> measured) {
        String verdict = measured
            .map((value) -> (value <= target) ? "met"
                    : String.format(Locale.ROOT, "missed: %.2fx the allowed value", value / target))
            .orElse("not measured");
        out.printf(Locale.ROOT, "| %s | <= %.1fx | %s | %s |%n", name, target,
                measured.map((value) -> String.format(Locale.ROOT, "%.2fx", value)).orElse("-"), verdict);
    }

    private static String ratio(double value, double baseline) {
        return (baseline > 0 && value > 0) ? String.format(Locale.ROOT, "%.2fx", value / baseline) : "-";
    }

    private static String calls(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String micros(double nanos) {
        double micros = nanos / 1000.0;
        return String.format(Locale.ROOT, (micros >= 100) ? "%,.0f" : "%.1f", micros);
    }

    Plan plan() {
        return this.plan;
    }

    /** A stack's measurements of one scenario, one per round. */
    record Row(List<Measurement> rounds) {

        double throughput() {
            return median(Measurement::throughput);
        }

        double minThroughput() {
            return measured().mapToDouble(Measurement::throughput).min().orElse(0);
        }

        double maxThroughput() {
            return measured().mapToDouble(Measurement::throughput).max().orElse(0);
        }

        double p50() {
            return median(Measurement::p50Nanos);
        }

        double p99() {
            return median(Measurement::p99Nanos);
        }

        double p999() {
            return median(Measurement::p999Nanos);
        }

        long errors() {
            return this.rounds.stream().mapToLong(Measurement::errors).sum();
        }

        private java.util.stream.Stream<Measurement> measured() {
            return this.rounds.stream().filter((m) -> m.calls() > 0);
        }

        /**
         * Returns the round in the middle when the rounds are ordered by a value (of an
         * even number, the upper one of the middle two): the round nearest the median
         * that the table shows.
         */
        Optional<Measurement> middleRound(ToDoubleFunction<Measurement> value) {
            List<Measurement> ordered = measured().sorted(Comparator.comparingDouble(value)).toList();
            return ordered.isEmpty() ? Optional.empty() : Optional.of(ordered.get(ordered.size() / 2));
        }

        private double median(ToDoubleFunction<Measurement> value) {
            double[] values = measured().mapToDouble(value).sorted().toArray();
            if (values.length == 0) {
                return 0;
            }
            int middle = values.length / 2;
            return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

    }

}
