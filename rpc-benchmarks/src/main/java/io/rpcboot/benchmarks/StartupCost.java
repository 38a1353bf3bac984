package io.rpcboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.startup.StartupProbe;
import io.rpcboot.benchmarks.startup.ThreadCpu;
import io.rpcboot.benchmarks.startup.ThreadCpu.Group;
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
 * (the two starts of one turn) with a {@link PairedDifferences} interval. On Linux the
 * CPU time is also given by thread group ({@link ThreadCpu}: the main thread, the JIT
 * compilers, the garbage collector...). With {@code --startup-archive} every start uses a
 * class-data-sharing archive of its application ({@link StartupArchive}), made by a
 * training start first. Started by {@code rpc-benchmarks/run.sh --startup}.
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

    private final @Nullable StartupArchive archive;

    private final long clockTicks = clockTicksPerSecond();

    private volatile @Nullable String threadsUnavailable;

    StartupCost(PrintStream out, int runs, int discarded) {
        this(out, runs, discarded, null);
    }

    StartupCost(PrintStream out, int runs, int discarded, @Nullable StartupArchive archive) {
        this.out = out;
        this.runs = runs;
        this.discarded = discarded;
        this.archive = archive;
    }

    /**
     * Measures both variants and prints the table.
     * @param args {@code --startup} and optionally {@code --startup-runs=N} and
     * {@code --startup-archive}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int runs = DEFAULT_RUNS;
        StartupArchive archive = null;
        for (String arg : args) {
            if (arg.equals("--startup-archive")) {
                archive = StartupArchive.inTarget();
                continue;
            }
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
        StartupCost startup = new StartupCost(System.out, runs, DISCARDED, archive);
        startup.print(startup.measure(), loadAverage);
    }

    /**
     * Starts the two variants by turns.
     * @return the measured runs of both
     * @throws InterruptedException when interrupted
     */
    List<Run> measure() throws InterruptedException {
        String classPath = System.getProperty("java.class.path");
        StartupArchive archive = this.archive;
        if (archive != null) {
            classPath = archive.jarsOnly(classPath);
            for (Variant variant : Variant.values()) {
                train(archive, variant, classPath);
            }
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < this.discarded + this.runs; i++) {
            boolean starterFirst = i % 2 == 0;
            for (Variant variant : starterFirst ? Variant.values() : reversed()) {
                Run run = run(variant, (archive != null) ? archive.usingFlags(variant.label) : List.of(), classPath);
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
     * Makes an application's archive with a training start (which exits after its first
     * call, so that the archive holds what the start and the first call loaded), then
     * checks with the class-loading log of a start that uses it that its classes come
     * from the archive.
     * @param archive the archives
     * @param variant the application
     * @param classPath the runner's class path, folders packed into jars
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the archive is not made or not used
     */
    private void train(StartupArchive archive, Variant variant, String classPath) throws InterruptedException {
        Path file = archive.file(variant.label);
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try (JvmProcess jvm = JvmProcess.start("startup", archive.trainingFlags(variant.label),
                classPathOf(variant, classPath), variant.application, arguments(variant), (line) -> {
                })) {
            int exit = waitFor(jvm, variant);
            if (exit != 0 || !Files.isRegularFile(file)) {
                throw new IllegalStateException("The training start of " + variant.label + " ended with " + exit
                        + " and wrote no " + file + ": " + tail(jvm.output()));
            }
        }
        List<String> flags = new ArrayList<>(archive.usingFlags(variant.label));
        flags.add("-Xlog:class+load=info");
        ClassSources sources = new ClassSources(variant.application.getName());
        try (JvmProcess jvm = JvmProcess.start("startup", flags, classPathOf(variant, classPath), variant.application,
                arguments(variant), sources::accept)) {
            int exit = waitFor(jvm, variant);
            if (exit != 0 || sources.total == 0) {
                throw new IllegalStateException(
                        variant.label + " did not start with its archive " + file + ": " + tail(jvm.output()));
            }
            if (!sources.applicationShared) {
                throw new IllegalStateException(variant.label + " started with " + file + " but did not load "
                        + variant.application.getName() + " from it: " + tail(jvm.output()));
            }
        }
        this.out.printf(Locale.ROOT,
                "   %s: %s %s (%,d KB); of the %,d classes loaded before ready, %,d came from it%n", variant.label,
                archive.kind(), file, fileSize(file) / 1024, sources.total, sources.shared);
    }

    private static int waitFor(JvmProcess jvm, Variant variant) throws InterruptedException {
        try {
            return jvm.waitFor(RUN_SECONDS);
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException(variant.label + ": " + ex.getMessage() + ": " + tail(jvm.output()), ex);
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> arguments(Variant variant) {
        return (variant == Variant.WITH_STARTER) ? List.of(String.valueOf(freePort())) : List.of();
    }

    private static String classPathOf(Variant variant, String classPath) {
        return (variant == Variant.WITH_STARTER) ? classPath : withoutRpcboot(classPath);
    }

    /**
     * Starts a JVM of one variant and waits for it to end.
     * @param variant which
     * @param flags its own JVM flags
     * @param runnerClassPath the runner's class path, which the variant's is made of
     * @return what it measured
     * @throws InterruptedException when interrupted
     */
    Run run(Variant variant, List<String> flags, String runnerClassPath) throws InterruptedException {
        List<String> arguments = arguments(variant);
        String classPath = classPathOf(variant, runnerClassPath);
        AtomicReference<@Nullable Line> ready = new AtomicReference<>();
        AtomicReference<@Nullable Line> called = new AtomicReference<>();
        AtomicReference<@Nullable String> starter = new AtomicReference<>();
        Map<String, Map<Group, Long>> threads = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (JvmProcess jvm = JvmProcess.start("startup", flags, classPath, variant.application, arguments, (line) -> {
            long now = System.nanoTime();
            if (line.startsWith(ThreadCpu.PREFIX)) {
                String[] words = words(line, ThreadCpu.PREFIX);
                Map<Group, Long> groups = ThreadCpu.parseGroups(Arrays.copyOfRange(words, 1, words.length));
                if (groups == null) {
                    this.threadsUnavailable = String.join(" ", Arrays.copyOfRange(words, 2, words.length));
                }
                else {
                    threads.put(words[0], toMillis(groups));
                }
            }
            else if (line.startsWith(StartupProbe.READY)) {
                ready.set(new Line(now, words(line, StartupProbe.READY)));
            }
            else if (line.startsWith(StartupProbe.CALLED)) {
                called.set(new Line(now, words(line, StartupProbe.CALLED)));
            }
            else if (line.startsWith(StartupProbe.STARTER)) {
                starter.set(line.substring(StartupProbe.STARTER.length()).trim());
            }
        })) {
            int exit = waitFor(jvm, variant);
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
                    Long.parseLong(calledLine.words()[2]), Boolean.parseBoolean(calledLine.words()[1]), present,
                    threads.getOrDefault("READY", Map.of()), threads.getOrDefault("CALLED", Map.of()));
        }
    }

    private Map<Group, Long> toMillis(Map<Group, Long> ticks) {
        Map<Group, Long> millis = new EnumMap<>(Group.class);
        ticks.forEach((group, count) -> millis.put(group, count * 1000 / this.clockTicks));
        return Collections.unmodifiableMap(millis);
    }

    /**
     * Returns the clock ticks per second that {@code /proc}'s CPU times count in
     * ({@code getconf CLK_TCK}; 100, Linux's usual value, when it cannot be asked).
     * @return the ticks per second
     */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0 && answer.matches("[0-9]+")) {
                return Long.parseLong(answer);
            }
        }
        catch (IOException ex) {
            // not a POSIX system
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return 100;
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
        StartupArchive archive = this.archive;
        if (archive != null) {
            this.out.println();
            this.out.printf(Locale.ROOT,
                    "Every start used its application's %s, made by a training start (to its first call) on JDK %d: %s"
                            + " and %s.%n",
                    archive.kind(), Runtime.version().feature(), archive.file(Variant.WITH_STARTER.label),
                    archive.file(Variant.WITHOUT_STARTER.label));
        }
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
        printByThread(runs);
    }

    private void printByThread(List<Run> runs) {
        String unavailable = this.threadsUnavailable;
        if (unavailable != null || runs.stream().anyMatch((run) -> run.threadsAtReady().isEmpty())) {
            this.out.println("No CPU time by thread: " + ((unavailable != null) ? unavailable : "not reported") + ".");
            this.out.println();
            return;
        }
        this.out.println("CPU time by thread group (medians, ms; from each thread's /proc/self/task/*/stat; the"
                + " threads ended before the reading are the process's time less the live threads'):");
        this.out.println();
        StringBuilder header = new StringBuilder("| application | at |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Group group : Group.values()) {
            header.append(' ').append(group.label()).append(" |");
            rule.append("---:|");
        }
        this.out.println(header);
        this.out.println(rule);
        for (Variant variant : Variant.values()) {
            List<Run> of = runs.stream().filter((run) -> run.variant() == variant).toList();
            printThreadRow(of, variant.label, "ready", Run::threadsAtReady);
            printThreadRow(of, variant.label, "first call answered", Run::threadsAtCall);
        }
        this.out.println();
        this.out.println(
                "What the starter adds, by thread group (median of the paired differences, ms, and its interval):");
        this.out.println();
        this.out.println("| thread group | added at ready | interval | added at first call answered | interval |");
        this.out.println("|---|---:|---:|---:|---:|");
        for (Group group : Group.values()) {
            PairedDifferences ready = PairedDifferences
                .of(pairedDifferences(runs, (run) -> run.threadsAtReady().getOrDefault(group, 0L)));
            PairedDifferences called = PairedDifferences
                .of(pairedDifferences(runs, (run) -> run.threadsAtCall().getOrDefault(group, 0L)));
            this.out.printf(Locale.ROOT, "| %s | %,d | %s | %,d | %s |%n", group.label(), ready.median(),
                    interval(ready), called.median(), interval(called));
        }
        this.out.println();
    }

    private void printThreadRow(List<Run> runs, String application, String at,
            Function<Run, Map<Group, Long>> threads) {
        StringBuilder row = new StringBuilder("| ").append(application).append(" | ").append(at).append(" |");
        for (Group group : Group.values()) {
            row.append(String.format(Locale.ROOT, " %,d |",
                    median(runs, (run) -> threads.apply(run).getOrDefault(group, 0L))));
        }
        this.out.println(row);
    }

    private static String interval(PairedDifferences paired) {
        return paired.hasInterval()
                ? String.format(Locale.ROOT, "%,d to %,d (%.1f%%)", paired.low(), paired.high(),
                        paired.confidence() * 100)
                : String.format(Locale.ROOT, "%,d to %,d (range: too few pairs)", paired.low(), paired.high());
    }

    private PairedDifferences printAdded(List<Run> runs, String what, ToLongFunction<Run> value) {
        PairedDifferences paired = PairedDifferences.of(pairedDifferences(runs, value));
        this.out.printf(Locale.ROOT, "| %s | %,d | %,d | %s | %d |%n", what, added(runs, value), paired.median(),
                interval(paired), paired.count());
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
     * @param threadsAtReady the CPU time of each thread group at ready, in milliseconds
     * (empty when the platform cannot say)
     * @param threadsAtCall the same when the first call answered
     */
    record Run(Variant variant, long readyMillis, long calledMillis, long uptimeAtReady, long uptimeAtCall,
            long springMillis, long cpuAtReady, long cpuAtCall, boolean answered, boolean starterPresent,
            Map<Group, Long> threadsAtReady, Map<Group, Long> threadsAtCall) {
    }

    /**
     * Counts, in a start's class-loading log ({@code -Xlog:class+load=info}), the classes
     * loaded before ready and those of them that came from the shared archive.
     */
    static final class ClassSources {

        private final String application;

        private boolean ready;

        int total;

        int shared;

        boolean applicationShared;

        ClassSources(String application) {
            this.application = application;
        }

        void accept(String line) {
            if (line.startsWith(StartupProbe.READY)) {
                this.ready = true;
            }
            if (this.ready || !line.contains("[class,load]")) {
                return;
            }
            this.total++;
            boolean fromArchive = line.contains("source: shared objects file");
            if (fromArchive) {
                this.shared++;
            }
            if (line.contains(" " + this.application + " ")) {
                this.applicationShared = fromArchive;
            }
        }

    }

    // the words are read by index and never compared: the array's identity equality does
    // not matter
    @SuppressWarnings("ArrayRecordComponent")
    private record Line(long nanos, String[] words) {
    }

}
