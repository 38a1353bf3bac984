package io.rpcboot.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.ZoneId;
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
 * against the baseline, the fixed-rate latencies, the allocation and CPU time per call,
 * and the ratios the performance targets are stated in.
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
        String name = m.scenario().nameAt(m.targetRate());
        if (m.calls() == 0) {
            return name + ": failed: " + m.firstError();
        }
        String costs = (m.loadBytesPerCall() < 0) ? ""
                : String.format(Locale.ROOT, ", alloc/call load %s B, server %s B, CPU/call %s µs",
                        bytes(m.loadBytesPerCall()), bytes(m.serverBytesPerCall()), cpuMicros(m.cpuNanosPerCall()));
        String error = (m.firstError() != null) ? " (first: " + m.firstError() + ")" : "";
        if (m.scenario().call() == Scenario.Call.STREAM) {
            return String.format(Locale.ROOT, "%s: %s messages/s, %s streams/s, errors %d%s%s", name,
                    calls(messages(m)), calls(m.throughput()), m.errors(), costs, error);
        }
        if (m.scenario().call() == Scenario.Call.RATE) {
            return String.format(Locale.ROOT, "%s: %s of %s calls/s, p50 %s µs, p99 %s µs, p99.9 %s µs, errors %d%s%s",
                    name, calls(m.throughput()), calls(m.targetRate()), micros((double) m.p50Nanos()),
                    micros((double) m.p99Nanos()), micros((double) m.p999Nanos()), m.errors(), costs, error);
        }
        return String.format(Locale.ROOT, "%s: %s calls/s, p50 %s µs, p99 %s µs, errors %d%s%s", name,
                calls(m.throughput()), micros((double) m.p50Nanos()), micros((double) m.p99Nanos()), m.errors(), costs,
                error);
    }

    void print(PrintStream out) {
        out.println();
        out.println("## Results");
        out.println();
        ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
        out.println("- date: " + now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
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
                    .map((scenario) -> name(scenario) + " " + scenario.warmupCalls()
                            + ((scenario.call() == Scenario.Call.STREAM) ? " streams" : ""))
                    .toList()));
        out.println("- baseline of the ratios: " + this.plan.baseline().label());
        if (this.plan.scenarios().stream().anyMatch((scenario) -> scenario.call() == Scenario.Call.RATE)) {
            out.println("- reference of the fixed rates (their 100%): " + ((this.plan.referenceRate() > 0)
                    ? String.format(Locale.ROOT, "--rate=%s calls/s, given", calls(this.plan.referenceRate()))
                    : "gRPC-java's echo throughput with 64 callers, measured in this run"));
        }
        out.println("- allocation per call: heap bytes allocated by all threads of the JVM during the measured calls"
                + (JvmCosts.countsEndedThreads() ? " (threads that ended included)"
                        : " (this JDK has no getTotalThreadAllocatedBytes(): the live threads at each reading;"
                                + " a thread that ended between two readings misses what it allocated since the first)")
                + "; CPU per call: the process's CPU time; both per message for streams");
        out.println();
        List<Scenario> unary = this.plan.scenarios()
            .stream()
            .filter((scenario) -> scenario.call() != Scenario.Call.STREAM && scenario.call() != Scenario.Call.RATE)
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
        List<Scenario> rates = this.plan.scenarios()
            .stream()
            .filter((scenario) -> scenario.call() == Scenario.Call.RATE)
            .toList();
        if (!rates.isEmpty()) {
            printRates(out, rates);
        }
        printCosts(out);
        if (!smoke) {
            printTargets(out);
        }
        this.results.stream()
            .filter((m) -> m.firstError() != null)
            .forEach((m) -> out.println("- error, " + m.stack().label() + ", " + m.scenario().nameAt(m.targetRate())
                    + ": " + m.firstError()));
    }

    private void printCalls(PrintStream out, List<Scenario> scenarios) {
        out.println("| scenario | stack | calls/s | (min-max over rounds) | p50 µs | p99 µs | p99.9 µs | errors"
                + " | calls/s vs baseline | p50 vs baseline |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scenario scenario : scenarios) {
            Row baseline = row(this.plan.baseline(), scenario);
            for (Stack stack : this.plan.stacks()) {
                if (!stack.runs(scenario)) {
                    continue;
                }
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

    private void printRates(PrintStream out, List<Scenario> scenarios) {
        out.println("Latency at a fixed rate (open loop; each latency from the call's intended start):");
        out.println();
        out.println(
                "| scenario | stack | target calls/s | achieved calls/s | p50 µs | p99 µs | p99.9 µs | max µs | errors"
                        + " | p99 vs gRPC-java |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scenario scenario : scenarios) {
            Row grpc = row(Stack.GRPC, scenario);
            for (Stack stack : this.plan.stacks()) {
                Row row = row(stack, scenario);
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |%n", name(scenario),
                        stack.label(), calls(row.median(Measurement::targetRate)), calls(row.throughput()),
                        micros(row.p50()), micros(row.p99()), micros(row.p999()),
                        micros(row.median(Measurement::maxNanos)), row.errors(), ratio(row.p99(), grpc.p99()));
            }
        }
        out.println();
    }

    private void printCosts(PrintStream out) {
        out.println("Allocation and CPU time per call (per message for streams; - where not measured):");
        out.println();
        out.println("| scenario | stack | alloc/call load (B) | alloc/call server (B) | CPU/call load µs"
                + " | CPU/call server µs | CPU/call µs |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Scenario scenario : this.plan.scenarios()) {
            for (Stack stack : this.plan.stacks()) {
                if (!stack.runs(scenario)) {
                    continue;
                }
                Row row = row(stack, scenario);
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name(scenario), stack.label(),
                        bytes(row.known(Measurement::loadBytesPerCall)),
                        bytes(row.known(Measurement::serverBytesPerCall)),
                        cpuMicros(row.known(Measurement::loadCpuNanosPerCall)),
                        cpuMicros(row.known(Measurement::serverCpuNanosPerCall)),
                        cpuMicros(row.known(Measurement::cpuNanosPerCall)));
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
        scenario(Scenario.Call.ECHO, 64).or(() -> scenario(Scenario.Call.ECHO, 1)).ifPresent((scenario) -> {
            below(out, "rpcboot / gRPC-java, " + scenario.name() + ", bytes allocated per call, load JVM", 1.0,
                    ratio(Stack.RPCBOOT, Stack.GRPC, scenario, (row) -> row.known(Measurement::loadBytesPerCall)));
            below(out, "rpcboot / gRPC-java, " + scenario.name() + ", bytes allocated per call, server JVM", 1.0,
                    ratio(Stack.RPCBOOT, Stack.GRPC, scenario, (row) -> row.known(Measurement::serverBytesPerCall)));
        });
        for (Scenario scenario : this.plan.scenarios()) {
            if (scenario.call() == Scenario.Call.RATE) {
                atMost(out, "rpcboot / gRPC-java, " + name(scenario) + ", p99 latency", 1.0,
                        ratio(Stack.RPCBOOT, Stack.GRPC, scenario, Row::p99));
            }
        }
        scenario(Scenario.Call.ECHO, 1)
            .ifPresent((scenario) -> atMost(out, "rpcboot / raw Netty, " + scenario.name() + ", p50 latency", 1.5,
                    ratio(Stack.RPCBOOT, Stack.NETTY, scenario, Row::p50)));
        scenario(Scenario.Call.LIST, 8).ifPresent((scenario) -> {
            atLeast(out, "rpcboot / gRPC-java, " + scenario.name() + ", calls/s", 1.3,
                    ratio(Stack.RPCBOOT, Stack.GRPC, scenario, Row::throughput));
            atLeast(out, "rpcboot / gRPC-java, " + scenario.name() + ", calls/s, lowest round", 1.1,
                    lowestRoundRatio(Stack.RPCBOOT, Stack.GRPC, scenario));
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
     * Returns the lowest ratio of two stacks' throughputs in one round: the stacks take
     * turns, so the {@code i}-th round of each ran in the same round of the run.
     */
    private Optional<Double> lowestRoundRatio(Stack stack, Stack other, Scenario scenario) {
        if (!this.plan.stacks().contains(stack) || !this.plan.stacks().contains(other)) {
            return Optional.empty();
        }
        List<Measurement> a = row(stack, scenario).rounds();
        List<Measurement> b = row(other, scenario).rounds();
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).throughput() > 0 && b.get(i).throughput() > 0) {
                lowest = Math.min(lowest, a.get(i).throughput() / b.get(i).throughput());
            }
        }
        return (lowest < Double.MAX_VALUE) ? Optional.of(lowest) : Optional.empty();
    }

    /**
     * Returns a scenario's name as the results show it: a fixed rate of gRPC-java's
     * throughput with the calls per second the run measured.
     * @param scenario the scenario
     * @return the name
     */
    String name(Scenario scenario) {
        double rate = this.results.stream()
            .filter((m) -> m.scenario().equals(scenario) && m.targetRate() > 0)
            .mapToDouble(Measurement::targetRate)
            .findFirst()
            .orElse(0);
        return scenario.nameAt(rate);
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

    private static void below(PrintStream out, String name, double target, Optional<Double> measured) {
        String verdict = measured
            .map((value) -> (value < target) ? "met"
                    : String.format(Locale.ROOT, "missed: %.2fx the allowed value", value / target))
            .orElse("not measured");
        out.printf(Locale.ROOT, "| %s | < %.1fx | %s | %s |%n", name, target,
                measured.map((value) -> String.format(Locale.ROOT, "%.2fx", value)).orElse("-"), verdict);
    }

    private static String ratio(double value, double baseline) {
        return (baseline > 0 && value > 0) ? String.format(Locale.ROOT, "%.2fx", value / baseline) : "-";
    }

    private static String calls(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String bytes(double bytes) {
        return (bytes >= 0) ? String.format(Locale.ROOT, "%,.0f", bytes) : "-";
    }

    private static String cpuMicros(double nanos) {
        return (nanos >= 0) ? String.format(Locale.ROOT, "%,.2f", nanos / 1000.0) : "-";
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

        /**
         * Returns the median of a value over the rounds that measured it, or {@code -1}
         * when none did.
         */
        double known(ToDoubleFunction<Measurement> value) {
            double[] values = measured().mapToDouble(value).filter((each) -> each >= 0).sorted().toArray();
            return (values.length == 0) ? -1 : median(values);
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

        double median(ToDoubleFunction<Measurement> value) {
            return median(measured().mapToDouble(value).sorted().toArray());
        }

        private static double median(double[] values) {
            if (values.length == 0) {
                return 0;
            }
            int middle = values.length / 2;
            return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

    }

}
