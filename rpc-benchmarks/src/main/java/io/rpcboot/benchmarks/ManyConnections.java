package io.rpcboot.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

import org.HdrHistogram.Histogram;

import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.benchmarks.connections.ConnectionFleet;
import io.rpcboot.benchmarks.connections.GrpcFleet;
import io.rpcboot.benchmarks.connections.RpcbootFleet;

/**
 * What many connections cost a server: for each stack, a server JVM is measured (heap
 * used after a full GC, direct memory, live threads) with no connection, then with N idle
 * connections from this JVM that each made one echo call, then while every connection
 * makes one echo call per {@link #INTERVAL} for {@link #DEFAULT_LOAD}, paced to a
 * schedule (latencies counted from the time a call was due). Started by
 * {@code rpc-benchmarks/run.sh --connections[=N]}.
 */
final class ManyConnections {

    /** The default number of connections. */
    static final int DEFAULT_CONNECTIONS = 1000;

    /** Time between two calls on one connection under load. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    /** How long the connections call under load. */
    static final Duration DEFAULT_LOAD = Duration.ofSeconds(10);

    /** Calls on one connection before the server is measured with none open. */
    private static final int WARM_UP_CALLS = 2_000;

    /** The most threads that make the calls; each serves its share of the connections. */
    private static final int CALLERS = 32;

    /** Open files this JVM (and the server's) needs besides the connections. */
    private static final int OTHER_FILES = 1024;

    static final List<Case> CASES = List.of(new Case(Stack.RPCBOOT, RpcbootFleet::open),
            new Case(Stack.GRPC, GrpcFleet::open));

    private final PrintStream out;

    private final int connections;

    private final Duration load;

    ManyConnections(PrintStream out, int connections, Duration load) {
        this.out = out;
        this.connections = connections;
        this.load = load;
    }

    /**
     * Measures every stack and prints one table.
     * @param args {@code --connections} or {@code --connections=N}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int connections = DEFAULT_CONNECTIONS;
        for (String arg : args) {
            if (arg.startsWith("--connections=")) {
                connections = Integer.parseInt(arg.substring("--connections=".length()));
                if (connections < 1) {
                    throw new IllegalArgumentException("--connections must be at least 1, not " + connections);
                }
            }
            else if (!arg.equals("--connections")) {
                throw new IllegalArgumentException("Unknown option '" + arg + "' of --connections");
            }
        }
        requireOpenFiles(connections);
        double loadAverage = Report.loadAverage();
        ManyConnections many = new ManyConnections(System.out, connections, DEFAULT_LOAD);
        List<Result> results = new ArrayList<>();
        for (Case each : CASES) {
            results.add(many.measure(each));
        }
        many.print(results, loadAverage);
    }

    /**
     * Fails when this JVM may not open enough files for the connections (the server JVM
     * it starts gets the same limit).
     * @param connections how many connections
     */
    static void requireOpenFiles(int connections) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long needed = (long) connections + OTHER_FILES;
            if (unix.getMaxFileDescriptorCount() < needed) {
                throw new IllegalStateException("The open files limit (ulimit -n) is "
                        + unix.getMaxFileDescriptorCount() + ", too low for " + connections
                        + " connections: raise it to at least " + needed + " (ulimit -n " + needed + ") and run again");
            }
        }
    }

    Result measure(Case each) throws InterruptedException {
        this.out.println("== " + each.stack().label() + ", " + this.connections + " connections");
        try (StackServerJvm server = StackServerJvm.start(each.stack(),
                (line) -> this.out.println("   [server] " + line))) {
            int serverPort = server.awaitPort();
            try (ConnectionFleet warmUp = each.fleet().apply(serverPort, 1)) {
                for (int i = 0; i < WARM_UP_CALLS; i++) {
                    if (!warmUp.echo(0, Workload.ECHO_ID_BASE + i)) {
                        throw new IllegalStateException("wrong echo answer");
                    }
                }
            }
            Server none = new Server(server);
            try (ConnectionFleet fleet = each.fleet().apply(serverPort, this.connections)) {
                Calls connected = connect(fleet);
                Server idle = new Server(server);
                this.out.printf(Locale.ROOT,
                        "   %,d connections made their call (%,d errors); heap %s MB -> %s MB,"
                                + " direct memory %s MB -> %s MB, threads %d -> %d%n",
                        connected.calls(), connected.errors(), mb(none.heap()), mb(idle.heap()), mb(none.direct()),
                        mb(idle.direct()), none.threads(), idle.threads());
                Calls loaded = underLoad(fleet, server);
                this.out.printf(Locale.ROOT, "   under load: %,.0f calls/s, p99 %.2f ms, %,d errors, %d threads%n",
                        loaded.perSecond(), loaded.p99Millis(), loaded.errors(), loaded.threads());
                return new Result(each.stack(), this.connections, none, idle, connected, loaded);
            }
        }
    }

    /**
     * Makes one call on every connection, which opens it.
     */
    private Calls connect(ConnectionFleet fleet) throws InterruptedException {
        return inParallel(fleet, (caller, callers, histogram) -> {
            long[] counts = new long[2];
            for (int client = caller; client < fleet.size(); client += callers) {
                call(fleet, client, Workload.ECHO_ID_BASE + client, System.nanoTime(), histogram, counts);
            }
            return counts;
        }, System.nanoTime(), -1);
    }

    /**
     * Every connection calls once per interval, at its own offset in the interval, for
     * the load's time; the server's threads are counted half way.
     */
    private Calls underLoad(ConnectionFleet fleet, StackServerJvm server) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long end = start + this.load.toNanos();
        long interval = INTERVAL.toNanos();
        int size = fleet.size();
        CompletableFuture<Integer> threads = new CompletableFuture<>();
        Thread counter = new Thread(() -> {
            LockSupport.parkNanos(start + this.load.toNanos() / 2 - System.nanoTime());
            threads.complete(threads(server));
        }, "thread-counter");
        counter.start();
        Calls calls = inParallel(fleet, (caller, callers, histogram) -> {
            long[] counts = new long[2];
            for (long round = 0;; round++) {
                for (int client = caller; client < size; client += callers) {
                    long due = start + round * interval + client * interval / size;
                    if (due >= end) {
                        return counts;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    call(fleet, client, Workload.ECHO_ID_BASE + round * size + client, due, histogram, counts);
                }
            }
        }, start, 0);
        counter.join();
        return calls.withThreads(threads.getNow(-1));
    }

    private static void call(ConnectionFleet fleet, int client, long id, long due, Histogram histogram, long[] counts) {
        boolean correct;
        try {
            correct = fleet.echo(client, id);
        }
        catch (RuntimeException ex) {
            correct = false;
        }
        histogram.recordValue(Math.max(0, System.nanoTime() - due) / 1_000);
        counts[correct ? 0 : 1]++;
    }

    private static Calls inParallel(ConnectionFleet fleet, CallerTask task, long start, int threads)
            throws InterruptedException {
        int callers = Math.min(CALLERS, fleet.size());
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try {
            List<Histogram> histograms = new ArrayList<>();
            List<Future<long[]>> results = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                Histogram histogram = new Histogram(3);
                histograms.add(histogram);
                int index = caller;
                results.add(executor.submit(() -> task.run(index, callers, histogram)));
            }
            long calls = 0;
            long errors = 0;
            Histogram all = new Histogram(3);
            for (int i = 0; i < callers; i++) {
                long[] counts = results.get(i).get();
                calls += counts[0];
                errors += counts[1];
                all.add(histograms.get(i));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Calls(calls, errors, seconds, all.getValueAtPercentile(99) / 1_000.0, threads);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("a caller failed", ex.getCause());
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static int threads(StackServerJvm server) {
        try {
            return server.threads();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void print(List<Result> results, double loadAverage) {
        this.out.println();
        this.out.println("## Many connections");
        this.out.println();
        this.out.printf(Locale.ROOT,
                "%,d connections to one server from one JVM, one client each; the server measured (heap used after a"
                        + " full GC, direct memory, live threads) with no connection, with every connection idle after"
                        + " one call, and while each connection calls once every %d ms (%,.0f calls/s in all) for %d s;"
                        + " latency from the time a call was due (system load average before: %.2f; JVM flags: %s).%n",
                this.connections, INTERVAL.toMillis(), this.connections * 1000.0 / INTERVAL.toMillis(),
                this.load.toSeconds(), loadAverage, String.join(" ", JvmProcess.inheritedFlags()));
        this.out.println();
        this.out.println("| stack | heap per idle connection | direct memory per idle connection"
                + " | together | server threads: none, idle, under load | calls/s under load | p99 under load"
                + " | errors |");
        this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result result : results) {
            this.out.printf(Locale.ROOT, "| %s | %s KB | %s KB | %s KB | %d, %d, %d | %,.0f | %.2f ms | %,d |%n",
                    result.stack().label(), kb(result.heapPerConnection()), kb(result.directPerConnection()),
                    kb(result.heapPerConnection() + result.directPerConnection()), result.none().threads(),
                    result.idle().threads(), result.loaded().threads(), result.loaded().perSecond(),
                    result.loaded().p99Millis(), result.connected().errors() + result.loaded().errors());
        }
        this.out.println();
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    /**
     * A stack and how to open its connections.
     *
     * @param stack the stack
     * @param fleet opens a fleet of clients: the server's port, how many
     */
    record Case(Stack stack, BiFunction<Integer, Integer, ConnectionFleet> fleet) {
    }

    /**
     * The server's state.
     *
     * @param heap its heap used after a full GC
     * @param direct its direct memory used
     * @param threads its live threads
     */
    record Server(long heap, long direct, int threads) {

        Server(StackServerJvm server) throws InterruptedException {
            this(server.heap(), server.threads());
        }

        private Server(StackServerJvm.Heap heap, int threads) {
            this(heap.used(), heap.direct(), threads);
        }

    }

    /**
     * What a phase's calls did.
     *
     * @param calls the calls answered correctly
     * @param errors the calls that failed or answered wrongly
     * @param seconds from the first call's due time to the last call's end
     * @param p99Millis the 99th percentile of their latency
     * @param threads the server's live threads during the phase, {@code -1} when not
     * counted
     */
    record Calls(long calls, long errors, double seconds, double p99Millis, int threads) {

        Calls withThreads(int count) {
            return new Calls(this.calls, this.errors, this.seconds, this.p99Millis, count);
        }

        double perSecond() {
            return this.calls / this.seconds;
        }

    }

    /**
     * What one stack measured.
     *
     * @param stack the stack
     * @param connections how many connections
     * @param none the server with no connection
     * @param idle the server with the connections idle
     * @param connected the first call of every connection
     * @param loaded the calls under load
     */
    record Result(Stack stack, int connections, Server none, Server idle, Calls connected, Calls loaded) {

        double heapPerConnection() {
            return (this.idle.heap() - this.none.heap()) / (double) this.connections;
        }

        double directPerConnection() {
            return (this.idle.direct() - this.none.direct()) / (double) this.connections;
        }

    }

    @FunctionalInterface
    private interface CallerTask {

        long[] run(int caller, int callers, Histogram histogram) throws Exception;

    }

}
