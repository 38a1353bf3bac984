package io.rpcboot.benchmarks;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.chart.PercentileChart;

/**
 * The runner. For each stack it starts a server JVM and a load JVM connected to it; then,
 * round after round, the stacks take turns: each runs every scenario (warm-up calls, then
 * the measured time) while the others' JVMs sit idle. Right before and after each
 * measured phase it reads the server JVM's allocated bytes and CPU time; the load JVM
 * reads its own. Each measurement's line also says what the rest of the machine took of
 * the CPUs meanwhile ({@link MachineCpu}), so that a round disturbed from outside is told
 * from a slow stack. The fixed-rate scenarios run at a percentage of a reference rate:
 * {@code --rate}, or gRPC-java's echo throughput with 64 callers, taken from this run's
 * results when gRPC-java has run that scenario already, else measured for it first.
 * Finally it stops every JVM and prints one table with ratios against the baseline
 * measured in the same run. Started by {@code rpc-benchmarks/run.sh}.
 */
public final class Benchmark {

    private static final String NO_REFERENCE = "not measured: no reference rate (gRPC-java's echo with 64 callers"
            + " did not answer; --rate=N gives one)";

    /**
     * The directory the charts are written to; run.sh sets it to the module's
     * target/charts.
     */
    private static final String CHARTS_PROPERTY = "bench.charts";

    private final Plan plan;

    private final PrintStream out;

    private final boolean forkJvms;

    private double referenceRate;

    /**
     * Creates a runner that starts a server JVM and a load JVM per stack.
     * @param plan what to run
     * @param out where progress and results go
     */
    public Benchmark(Plan plan, PrintStream out) {
        this(plan, out, true);
    }

    /**
     * Creates a runner.
     * @param plan what to run
     * @param out where progress and results go
     * @param forkJvms whether servers and callers run in JVMs of their own (a measured
     * run), else in this JVM (the smoke test, which checks the stacks, not their speed)
     */
    public Benchmark(Plan plan, PrintStream out, boolean forkJvms) {
        this.plan = plan;
        this.out = out;
        this.forkJvms = forkJvms;
        this.referenceRate = plan.referenceRate();
    }

    /**
     * Runs the benchmark and prints its results.
     * @param args the plan's arguments, see {@link Plan#parse(String...)}, or
     * {@code --slow-consumer} alone for {@link SlowConsumer}'s measurement,
     * {@code --startup} (and {@code --startup-runs=N}) for {@link StartupCost}'s,
     * {@code --connections[=N]} alone for {@link ManyConnections}'
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && args[0].equals("--slow-consumer")) {
            SlowConsumer.main(new String[0]);
            System.exit(0);
        }
        if (args.length > 0 && Arrays.stream(args).allMatch((arg) -> arg.startsWith("--startup"))) {
            StartupCost.main(args);
            System.exit(0);
        }
        if (args.length == 1 && args[0].startsWith("--connections")) {
            ManyConnections.main(args);
            System.exit(0);
        }
        Plan plan = Plan.parse(args);
        double loadAverage = Report.loadAverage();
        List<Measurement> results = new Benchmark(plan, System.out).run();
        Report report = new Report(plan, results, loadAverage);
        report.print(System.out);
        writeCharts(report);
        System.exit(results.stream().allMatch(Measurement::ok) ? 0 : 1);
    }

    private static List<PercentileChart.Point> latencyPoints(Measurement measurement) {
        return measurement.percentiles()
            .stream()
            .map((point) -> new PercentileChart.Point(point.percentile(), point.nanos()))
            .toList();
    }

    private static void writeCharts(Report report) {
        Path directory = Path.of(System.getProperty(CHARTS_PROPERTY, "rpc-benchmarks/target/charts"));
        try {
            for (Path chart : new ResultCharts(report).write(directory, Benchmark::latencyPoints)) {
                System.out.println("- chart: " + chart.toAbsolutePath().normalize());
            }
        }
        catch (UncheckedIOException ex) {
            System.out.println("- charts not written: " + ex.getMessage() + ": " + ex.getCause());
        }
    }

    /**
     * Runs every scenario against every stack of the plan, for every round.
     * @return the measurements, one per round, stack and scenario
     * @throws InterruptedException when interrupted
     */
    public List<Measurement> run() throws InterruptedException {
        List<Measurement> results = new ArrayList<>();
        if (!this.forkJvms) {
            for (int round = 0; round < this.plan.rounds(); round++) {
                for (Stack stack : this.plan.stacks()) {
                    results.addAll(runInProcess(stack, round, results));
                }
            }
            return results;
        }
        List<StackJvms> started = new ArrayList<>();
        try {
            for (Stack stack : this.plan.stacks()) {
                started.add(start(stack));
            }
            for (int round = 0; round < this.plan.rounds(); round++) {
                this.out.println("== round " + (round + 1) + " of " + this.plan.rounds());
                for (int i = 0; i < started.size(); i++) {
                    StackJvms jvms = started.get((i + round) % started.size());
                    for (int index = 0; index < this.plan.scenarios().size(); index++) {
                        Scenario scenario = this.plan.scenarios().get(index);
                        if (!jvms.stack.runs(scenario)) {
                            continue;
                        }
                        double rate = rate(scenario, results, started);
                        Measurement measurement = (scenario.call() == Scenario.Call.RATE && rate == 0)
                                ? Measurement.failed(jvms.stack, scenario, NO_REFERENCE) : jvms.run(index, round, rate);
                        this.out.println("   " + jvms.stack.label() + ", " + Report.summary(measurement) + jvms.others);
                        results.add(measurement);
                    }
                }
            }
        }
        finally {
            started.forEach(StackJvms::close);
        }
        return results;
    }

    /**
     * Returns the calls per second of a fixed-rate scenario: its percentage of the
     * reference rate, which is found (or measured on gRPC-java's JVMs) at the first call.
     * @return the rate, or {@code 0} when there is no reference
     */
    private double rate(Scenario scenario, List<Measurement> results, List<StackJvms> started)
            throws InterruptedException {
        if (scenario.call() != Scenario.Call.RATE) {
            return 0;
        }
        if (this.referenceRate == 0) {
            this.referenceRate = grpcReference(results);
            if (this.referenceRate > 0) {
                this.out.printf(Locale.ROOT,
                        "   reference of the fixed rates: %,.0f calls/s, gRPC-java's %s in this run%n",
                        this.referenceRate, this.plan.rateReference().name());
            }
        }
        if (this.referenceRate == 0) {
            for (StackJvms jvms : started) {
                if (jvms.stack == Stack.GRPC) {
                    Measurement reference = jvms.run(Measurement.RATE_REFERENCE, 0, 0);
                    this.out.println("   reference of the fixed rates, " + jvms.stack.label() + ", "
                            + Report.summary(reference));
                    this.referenceRate = reference.ok() ? reference.throughput() : 0;
                }
            }
        }
        return this.referenceRate * scenario.size() / 100.0;
    }

    /**
     * Returns the median throughput of gRPC-java's echo with 64 callers in the results so
     * far.
     */
    private double grpcReference(List<Measurement> results) {
        Scenario reference = this.plan.rateReference();
        double[] throughputs = results.stream()
            .filter((m) -> m.stack() == Stack.GRPC && m.scenario().equals(reference) && m.ok())
            .mapToDouble(Measurement::throughput)
            .sorted()
            .toArray();
        return (throughputs.length == 0) ? 0 : throughputs[throughputs.length / 2];
    }

    private List<Measurement> runInProcess(Stack stack, int round, List<Measurement> earlier)
            throws InterruptedException {
        this.out.println("== " + stack.label() + " (in this JVM)");
        List<Measurement> results = new ArrayList<>();
        try (RunningServer server = stack.startServer(); StackClient client = stack.connect(server.port())) {
            LoadRunner runner = new LoadRunner(stack, client);
            for (Scenario scenario : this.plan.scenarios()) {
                if (!stack.runs(scenario)) {
                    continue;
                }
                List<Measurement> sofar = new ArrayList<>(earlier);
                sofar.addAll(results);
                double rate = rate(scenario, sofar, List.of());
                Measurement measurement = (scenario.call() == Scenario.Call.RATE && rate == 0)
                        ? Measurement.failed(stack, scenario, NO_REFERENCE) : runner
                            .run(scenario, this.plan.warmupCalls(scenario, round), this.plan.measure(), rate, () -> {
                            })
                            // one JVM runs server and callers: its costs are no one's
                            .withCosts(Measurement.Costs.UNKNOWN);
                this.out.println("   " + Report.summary(measurement));
                results.add(measurement);
            }
        }
        catch (RuntimeException ex) {
            this.out.println("   failed: " + ex);
            for (Scenario scenario : this.plan.scenarios()) {
                if (stack.runs(scenario) && results.stream().noneMatch((m) -> m.scenario().equals(scenario))) {
                    results.add(Measurement.failed(stack, scenario, ex.toString()));
                }
            }
        }
        return results;
    }

    private StackJvms start(Stack stack) throws InterruptedException {
        this.out.println("== starting " + stack.label());
        StackServerJvm server = StackServerJvm.start(stack,
                (line) -> this.out.println("   [" + stack.id() + " server] " + line));
        StackJvms jvms = new StackJvms(stack, server);
        try {
            int serverPort = server.awaitPort();
            List<String> arguments = new ArrayList<>(List.of(stack.id(), String.valueOf(serverPort)));
            arguments.addAll(this.plan.arguments());
            CompletableFuture<Void> connected = new CompletableFuture<>();
            jvms.load = JvmProcess.start("load", LoadMain.class, arguments, (line) -> {
                if (line.equals(LoadMain.CONNECTED)) {
                    connected.complete(null);
                }
                else if (line.startsWith(Measurement.PREFIX) || line.equals(LoadMain.MEASURING)) {
                    jvms.results.add(line);
                }
                else {
                    this.out.println("   [" + stack.id() + " load] " + line);
                }
            });
            jvms.load.await(connected, "the load JVM");
        }
        catch (IllegalStateException ex) {
            jvms.failure = ex.getMessage();
            this.out.println("   failed: " + jvms.failure);
        }
        return jvms;
    }

    /** A stack's server JVM and the load JVM that calls it. */
    private final class StackJvms implements AutoCloseable {

        private final Stack stack;

        private final StackServerJvm server;

        private final BlockingQueue<String> results = new LinkedBlockingQueue<>();

        private @Nullable JvmProcess load;

        private @Nullable String failure;

        /**
         * What other processes took of the CPUs while the last scenario was measured, to
         * tell a round disturbed from outside; empty where it cannot be read.
         */
        private String others = "";

        StackJvms(Stack stack, StackServerJvm server) {
            this.stack = stack;
            this.server = server;
        }

        /**
         * Runs a scenario in the load JVM, and reads the server JVM's costs while the
         * load JVM waits between warm-up and measured calls, and after its result.
         */
        Measurement run(int index, int round, double rate) throws InterruptedException {
            Scenario scenario = (index == Measurement.RATE_REFERENCE) ? Benchmark.this.plan.rateReference()
                    : Benchmark.this.plan.scenarios().get(index);
            JvmProcess process = this.load;
            if (this.failure != null || process == null) {
                return Measurement.failed(this.stack, scenario, "not measured: " + this.failure);
            }
            JvmCosts.@Nullable Reading serverBefore = null;
            MachineCpu.@Nullable Reading machineBefore = null;
            this.others = "";
            try {
                process
                    .send(LoadMain.RUN + index + " " + Benchmark.this.plan.warmupCalls(scenario, round) + " " + rate);
            }
            catch (UncheckedIOException ex) {
                this.failure = "the load JVM does not listen: " + process.outputTail();
                return Measurement.failed(this.stack, scenario, this.failure);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = this.results.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.equals(LoadMain.MEASURING)) {
                    serverBefore = this.server.costs();
                    machineBefore = MachineCpu.read();
                    process.send(LoadMain.GO);
                }
                else if (line != null) {
                    Measurement measurement = Measurement.fromLine(line, Benchmark.this.plan);
                    if (measurement != null) {
                        MachineCpu.@Nullable Reading machineAfter = MachineCpu.read();
                        JvmCosts.@Nullable Reading serverAfter = this.server.costs();
                        JvmCosts.@Nullable Reading server = (serverBefore != null && serverAfter != null)
                                ? serverAfter.since(serverBefore) : null;
                        if (machineBefore != null && machineAfter != null && server != null
                                && measurement.costs().loadCpuNanos() >= 0) {
                            this.others = MachineCpu.others(machineBefore, machineAfter,
                                    measurement.costs().loadCpuNanos() + server.cpuNanos());
                        }
                        return measurement.withCosts(measurement.costs().withServer(server));
                    }
                }
                else if (!process.isAlive()) {
                    this.failure = "the load JVM ended: " + process.outputTail();
                    return Measurement.failed(this.stack, scenario, this.failure);
                }
            }
            this.failure = "the load JVM did not answer within 10 minutes";
            return Measurement.failed(this.stack, scenario, this.failure);
        }

        @Override
        public void close() {
            if (this.load != null) {
                this.load.close();
            }
            this.server.close();
        }

    }

}
