package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.EchoLoad;
import io.rpcboot.benchmarks.Measurement;
import io.rpcboot.benchmarks.Stack;
import io.rpcboot.benchmarks.StackClient;

/**
 * The soak of issue 11: one rpcboot server JVM sized as the project's containers,
 * well-behaved echo load from this JVM measured in three phases (baseline; during every
 * abusive pattern at once, run by threads of this JVM over raw sockets to 127.0.0.1;
 * recovery), and a report of the load's throughput and latency in each phase against the
 * baseline, the server's memory, its log output and whether it survived. Started by
 * {@code rpc-benchmarks/soak.sh}.
 */
public final class Soak {

    private final SoakOptions options;

    private final PrintStream out;

    private final long started = System.nanoTime();

    private Soak(SoakOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the soak, prints its report and writes it to the results file.
     * @param args see {@link SoakOptions#parse(String...)}
     * @throws Exception when the soak cannot run
     */
    public static void main(String[] args) throws Exception {
        SoakOptions options = SoakOptions.parse(args);
        SoakResult result = run(options, System.out);
        System.exit(result.passed() ? 0 : 1);
    }

    /**
     * Runs a soak.
     * @param options what to run
     * @param out where progress and the report go
     * @return the result, whose report is also written to the options' results file
     * @throws InterruptedException when interrupted
     * @throws IOException when the report cannot be written
     */
    static SoakResult run(SoakOptions options, PrintStream out) throws InterruptedException, IOException {
        SoakResult result = new Soak(options, out).run();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        result.print(new PrintStream(report, true, StandardCharsets.UTF_8));
        out.print(report.toString(StandardCharsets.UTF_8));
        Path file = options.results();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, report.toByteArray());
        return result;
    }

    private SoakResult run() throws InterruptedException {
        Path log = this.options.results().resolveSibling("soak-server.log");
        List<String> extraFlags = extraServerFlags();
        List<PhaseResult> phases = new ArrayList<>();
        List<AbuseReport> abuse = new ArrayList<>();
        long hidden = 0;
        double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (ServerJvm server = ServerJvm.start(extraFlags, log)) {
            int port = server.awaitReady(120);
            this.out.printf(java.util.Locale.ROOT, "== server JVM on port %d after %.1f s, output in %s%n", port,
                    (System.nanoTime() - this.started) / 1e9, log);
            Thread memoryWatch = new Thread(() -> watchMemory(server), "soak-memory-watch");
            memoryWatch.setDaemon(true);
            memoryWatch.start();
            try (StackClient client = Stack.RPCBOOT.connect(port)) {
                EchoLoad load = new EchoLoad(Stack.RPCBOOT, client, this.options.callers());
                phases.add(phase("baseline", server, () -> load.run(this.options.warmupCalls(), this.options.phase())));
                long hitsBefore = server.status(10).getOrDefault("hits", 0L);
                List<Abuse> patterns = new ArrayList<>();
                phases.add(phase("abuse", server, () -> {
                    for (String name : this.options.abuse()) {
                        Abuse pattern = Patterns.create(name, port, this.options.volume());
                        patterns.add(pattern);
                        pattern.start();
                    }
                    Thread.sleep(Math.min(2000, this.options.phase().toMillis() / 4));
                    Measurement measured = load.run(0, this.options.phase());
                    for (Abuse pattern : patterns) {
                        AbuseReport report = pattern.stop();
                        abuse.add(report);
                        this.out.println("   " + report.name() + ": " + report.sent() + "; " + report.treatment());
                    }
                    return measured;
                }));
                hidden = patterns.stream()
                    .filter(HiddenRequests.class::isInstance)
                    .mapToLong((pattern) -> ((HiddenRequests) pattern).hidden())
                    .sum();
                Map<String, Long> afterAbuse = phases.get(1).server();
                long hitsRun = afterAbuse.containsKey("hits") ? afterAbuse.get("hits") - hitsBefore : -1;
                phases.add(phase("recovery", server, () -> load.run(0, this.options.phase())));
                server.peakRssKb();
                return new SoakResult(this.options, extraFlags, phases, abuse, hidden, hitsRun, server.peakRssKb(),
                        server.isAlive(), server.exitCode(), loadAverage);
            }
        }
    }

    private PhaseResult phase(String name, ServerJvm server, LoadPhase load) throws InterruptedException {
        this.out.printf(java.util.Locale.ROOT, "== %s (%d s), at %.1f s%n", name, this.options.phase().toSeconds(),
                (System.nanoTime() - this.started) / 1e9);
        LogCounts before = server.logCounts();
        @Nullable Measurement measured = null;
        if (server.isAlive()) {
            measured = load.run();
            this.out.printf(java.util.Locale.ROOT, "   %,.0f calls/s, p99 %,d us, %d errors%s%n", measured.throughput(),
                    measured.p99Nanos() / 1000, measured.errors(),
                    (measured.firstError() != null) ? ", first: " + measured.firstError() : "");
        }
        else {
            this.out.println("   not run: the server JVM ended with " + server.exitCode());
        }
        Map<String, Long> status = server.status(10);
        server.peakRssKb();
        return new PhaseResult(name, measured, status, server.logCounts().since(before), server.isAlive());
    }

    private static void watchMemory(ServerJvm server) {
        while (server.isAlive()) {
            server.peakRssKb();
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static List<String> extraServerFlags() {
        String extra = System.getProperty("soak.server.jvmArgs", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /** The load of one phase. */
    private interface LoadPhase {

        Measurement run() throws InterruptedException;

    }

}
