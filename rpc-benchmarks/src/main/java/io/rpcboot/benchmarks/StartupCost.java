package io.rpcboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.startup.StartupProbe;
import io.rpcboot.benchmarks.startup.withoutstarter.PlainApplication;
import io.rpcboot.benchmarks.startup.withstarter.StarterApplication;

/**
 * What rpcboot's starter adds to an application's start-up: the same Spring Boot
 * application (no web server, one service bean and a component that calls it through an
 * interface) started with the starter ({@link StarterApplication}: the bean is an
 * {@code @RpcService}, the component calls it through an {@code @RpcClient} proxy over
 * the application's own server) and without it ({@link PlainApplication}: the bean is
 * called locally, and rpcboot's jars are left out of the JVM's class path). The two take
 * turns, each started {@link #DISCARDED} times unmeasured (the file cache's warm-up),
 * then the given number of times. Each run is a new JVM; the time from just before the
 * runner starts it to the line it prints when ready is the main figure, the time to its
 * first call answered the second; the process's CPU time at ready, far less disturbed by
 * other processes on a shared machine, says what the work costs. What the starter adds is
 * given both as the difference of the medians and as the median of the paired differences
 * (the two starts of one turn) with a {@link PairedDifferences} interval. Started by
 * {@code rpc-benchmarks/run.sh --startup}.
 */
final class StartupCost {

    /** The runs of each variant not measured, before the measured ones. */
    static final int DISCARDED = 2;

    /** The default number of measured runs of each variant. */
    static final int DEFAULT_RUNS = 10;

    /** What the starter may add to the time to ready. */
    static final long TARGET_MILLIS = 100;

    private static final long RUN_SECONDS = 120;

    /** The modules left out of the class path of the application without the starter. */
    private static final Set<String> RPCBOOT_MODULES = Set.of("rpc-autoconfigure", "rpc-spring-boot-starter");

    private final PrintStream out;

    private final int runs;

    private final int discarded;

    StartupCost(PrintStream out, int runs, int discarded) {
        this.out = out;
        this.runs = runs;
        this.discarded = discarded;
    }

    /**
     * Measures both variants and prints the table.
     * @param args {@code --startup} and optionally {@code --startup-runs=N}
     * @throws InterruptedException when interrupted
     */
    static void main(String[] args) throws InterruptedException {
        int runs = DEFAULT_RUNS;
        for (String arg : args) {
            if (arg.startsWith("--startup-runs=")) {
                runs = Integer.parseInt(arg.substring("--startup-runs=".length()));
                if (runs < 1) {
                    throw new IllegalArgumentException("--startup-runs must be at least 1, not " + runs);
                }
            }
            else if (!arg.equals("--startup")) {
                throw new IllegalArgumentException("Unknown option '" + arg + "' of --startup");
            }
        }
        double loadAverage = Report.loadAverage();
        StartupCost startup = new StartupCost(System.out, runs, DISCARDED);
        startup.print(startup.measure(), loadAverage);
    }

    /**
     * Starts the two variants by turns.
     * @return the measured runs of both
     * @throws InterruptedException when interrupted
     */
    List<Run> measure() throws InterruptedException {
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < this.discarded + this.runs; i++) {
            boolean starterFirst = i % 2 == 0;
            for (Variant variant : starterFirst ? Variant.values() : reversed()) {
                Run run = run(variant);
                this.out.printf(Locale.ROOT, "   %s%s: ready after %d ms, first call answered after %d ms%n",
                        variant.label, (i < this.discarded) ? " (warm-up, not counted)" : "", run.readyMillis(),
                        run.calledMillis());
                if (i >= this.discarded) {
                    measured.add(run);
                }
            }
        }
        return measured;
    }

    private static Variant[] reversed() {
        Variant[] variants = Variant.values();
        return new Variant[] { variants[1], variants[0] };
    }

    /**
     * Starts a JVM of one variant and waits for it to end.
     * @param variant which
     * @return what it measured
     * @throws InterruptedException when interrupted
     */
    Run run(Variant variant) throws InterruptedException {
        List<String> arguments = (variant == Variant.WITH_STARTER) ? List.of(String.valueOf(freePort())) : List.of();
        String classPath = (variant == Variant.WITH_STARTER) ? System.getProperty("java.class.path")
                : withoutRpcboot(System.getProperty("java.class.path"));
        AtomicReference<@Nullable Line> ready = new AtomicReference<>();
        AtomicReference<@Nullable Line> called = new AtomicReference<>();
        AtomicReference<@Nullable String> starter = new AtomicReference<>();
        long start = System.nanoTime();
        try (JvmProcess jvm = JvmProcess.start("startup", classPath, variant.application, arguments, (line) -> {
            long now = System.nanoTime();
            if (line.startsWith(StartupProbe.READY)) {
                ready.set(new Line(now, words(line, StartupProbe.READY)));
            }
            else if (line.startsWith(StartupProbe.CALLED)) {
                called.set(new Line(now, words(line, StartupProbe.CALLED)));
            }
            else if (line.startsWith(StartupProbe.STARTER)) {
                starter.set(line.substring(StartupProbe.STARTER.length()).trim());
            }
        })) {
            int exit = jvm.waitFor(RUN_SECONDS);
            Line readyLine = ready.get();
            Line calledLine = called.get();
            String starterLine = starter.get();
            if (exit != 0 || readyLine == null || calledLine == null || starterLine == null) {
                throw new IllegalStateException(
                        variant.label + " ended with " + exit + " before it reported: " + tail(jvm.output()));
            }
            boolean present = starterLine.equals("present");
            if (present != (variant == Variant.WITH_STARTER)) {
                throw new IllegalStateException(variant.label + " ran with rpcboot's auto-configuration "
                        + (present ? "on" : "missing from") + " its class path");
            }
            return new Run(variant, (readyLine.nanos() - start) / 1_000_000, (calledLine.nanos() - start) / 1_000_000,
                    Long.parseLong(readyLine.words()[0]), Long.parseLong(calledLine.words()[0]),
                    Long.parseLong(readyLine.words()[1]), Long.parseLong(readyLine.words()[2]),
                    Long.parseLong(calledLine.words()[2]), Boolean.parseBoolean(calledLine.words()[1]), present);
        }
    }

    /**
     * Returns a class path without rpcboot's jars (or, in the build's reactor, its
     * modules' class folders).
     * @param classPath the runner's class path
     * @return the class path without rpcboot
     * @throws IllegalStateException when rpcboot is not on the class path
     */
    static String withoutRpcboot(String classPath) {
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        List<String> kept = entries.stream().filter((entry) -> !isRpcboot(Path.of(entry))).toList();
        if (kept.size() == entries.size()) {
            throw new IllegalStateException("Found none of " + RPCBOOT_MODULES + " on the class path " + classPath);
        }
        return String.join(File.pathSeparator, kept);
    }

    private static boolean isRpcboot(Path entry) {
        for (Path element : entry) {
            if (RPCBOOT_MODULES.contains(element.toString())) {
                return true;
            }
        }
        Path file = entry.getFileName();
        return file != null && RPCBOOT_MODULES.stream().anyMatch((module) -> file.toString().startsWith(module + "-"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String[] words(String line, String prefix) {
        return line.substring(prefix.length()).trim().split(" ");
    }

    private static String tail(String output) {
        return (output.length() > 2000) ? "..." + output.substring(output.length() - 2000) : output;
    }

    void print(List<Run> runs, double loadAverage) {
        this.out.println();
        this.out.println("## Start-up");
        this.out.println();
        this.out.printf(Locale.ROOT,
                "A Spring Boot application (no web server) with one service bean and a component calling it, with"
                        + " rpcboot's starter and without it, each in a new JVM: %d measured starts of each, the two by"
                        + " turns, after %d unmeasured starts of each (system load average before: %.2f; JVM flags: %s).%n",
                this.runs, this.discarded, loadAverage, String.join(" ", JvmProcess.inheritedFlags()));
        this.out.println();
        this.out.println("| application | ready, ms (median) | (min-max) | first call answered, ms | (min-max)"
                + " | JVM uptime at ready, ms | Spring Boot's start-up, ms | CPU time at ready, ms | (min-max) |");
        this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Variant variant : Variant.values()) {
            List<Run> of = runs.stream().filter((run) -> run.variant() == variant).toList();
            this.out.printf(Locale.ROOT, "| %s | %,d | %s | %,d | %s | %,d | %,d | %,d | %s |%n", variant.label,
                    median(of, Run::readyMillis), range(of, Run::readyMillis), median(of, Run::calledMillis),
                    range(of, Run::calledMillis), median(of, Run::uptimeAtReady), median(of, Run::springMillis),
                    median(of, Run::cpuAtReady), range(of, Run::cpuAtReady));
        }
        this.out.println();
        this.out.println("What the starter adds: the difference of the medians above, and the median of the paired"
                + " differences (each start with the starter less the start without it next to it) with its"
                + " distribution-free interval (order statistics):");
        this.out.println();
        this.out.println("| added to | difference of the medians, ms | median of the paired differences, ms"
                + " | interval, ms | pairs |");
        this.out.println("|---|---:|---:|---:|---:|");
        PairedDifferences ready = printAdded(runs, "time to ready", Run::readyMillis);
        printAdded(runs, "first call answered", Run::calledMillis);
        printAdded(runs, "JVM uptime at ready", Run::uptimeAtReady);
        printAdded(runs, "Spring Boot's start-up", Run::springMillis);
        PairedDifferences cpu = printAdded(runs, "CPU time at ready", Run::cpuAtReady);
        printAdded(runs, "CPU time at first call answered", Run::cpuAtCall);
        this.out.println();
        this.out.printf(Locale.ROOT,
                "Target: the starter adds under %d ms to the time to ready (by the paired differences' median): %s;"
                        + " it costs %,d ms of CPU time before ready.%n",
                TARGET_MILLIS,
                (ready.median() < TARGET_MILLIS) ? "met" : "missed by " + (ready.median() - TARGET_MILLIS) + " ms",
                cpu.median());
        this.out.println();
    }

    private PairedDifferences printAdded(List<Run> runs, String what, ToLongFunction<Run> value) {
        PairedDifferences paired = PairedDifferences.of(pairedDifferences(runs, value));
        String interval = paired.hasInterval()
                ? String.format(Locale.ROOT, "%,d to %,d (%.1f%%)", paired.low(), paired.high(),
                        paired.confidence() * 100)
                : String.format(Locale.ROOT, "%,d to %,d (range: too few pairs)", paired.low(), paired.high());
        this.out.printf(Locale.ROOT, "| %s | %,d | %,d | %s | %d |%n", what, added(runs, value), paired.median(),
                interval, paired.count());
        return paired;
    }

    /**
     * Returns each start with the starter less the start without it that was measured
     * next to it: the {@code i}-th of one variant and the {@code i}-th of the other, as
     * {@link #measure()} records them (one of each per turn).
     * @param runs the measured runs
     * @param value what is compared
     * @return the differences, one per pair
     */
    static long[] pairedDifferences(List<Run> runs, ToLongFunction<Run> value) {
        long[] with = runs.stream().filter((run) -> run.variant() == Variant.WITH_STARTER).mapToLong(value).toArray();
        long[] without = runs.stream()
            .filter((run) -> run.variant() == Variant.WITHOUT_STARTER)
            .mapToLong(value)
            .toArray();
        long[] differences = new long[Math.min(with.length, without.length)];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = with[i] - without[i];
        }
        return differences;
    }

    private static long added(List<Run> runs, ToLongFunction<Run> value) {
        return median(runs.stream().filter((run) -> run.variant() == Variant.WITH_STARTER).toList(), value)
                - median(runs.stream().filter((run) -> run.variant() == Variant.WITHOUT_STARTER).toList(), value);
    }

    static long median(List<Run> runs, ToLongFunction<Run> value) {
        long[] values = runs.stream().mapToLong(value).sorted().toArray();
        if (values.length == 0) {
            return 0;
        }
        int middle = values.length / 2;
        return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String range(List<Run> runs, ToLongFunction<Run> value) {
        long min = runs.stream().mapToLong(value).min().orElse(0);
        long max = runs.stream().mapToLong(value).max().orElse(0);
        return String.format(Locale.ROOT, "%,d-%,d", min, max);
    }

    /** The two applications. */
    enum Variant {

        /** With rpcboot's starter: the call goes through the application's own server. */
        WITH_STARTER("with the starter", StarterApplication.class),

        /**
         * Without rpcboot: the call is local, and no rpcboot jar is on the class path.
         */
        WITHOUT_STARTER("without rpcboot", PlainApplication.class);

        private final String label;

        private final Class<?> application;

        Variant(String label, Class<?> application) {
            this.label = label;
            this.application = application;
        }

    }

    /**
     * One measured start.
     *
     * @param variant the application
     * @param readyMillis from just before the JVM's start to its {@code READY} line, as
     * the runner saw it
     * @param calledMillis the same to its first call answered
     * @param uptimeAtReady the JVM's own uptime when it was ready
     * @param uptimeAtCall the JVM's own uptime when its first call answered
     * @param springMillis Spring Boot's start-up time, as its ready event says
     * @param cpuAtReady the process's CPU time (user and system) when it was ready
     * @param cpuAtCall the process's CPU time when its first call answered
     * @param answered whether the first call's answer was correct
     * @param starterPresent whether rpcboot's auto-configuration was on the JVM's class
     * path
     */
    record Run(Variant variant, long readyMillis, long calledMillis, long uptimeAtReady, long uptimeAtCall,
            long springMillis, long cpuAtReady, long cpuAtCall, boolean answered, boolean starterPresent) {
    }

    private record Line(long nanos, String[] words) {
    }

}
