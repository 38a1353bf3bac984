package io.rpcboot.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rpcboot.benchmarks.api.Workload;

/**
 * What a slow consumer costs the server: for each stack, a server JVM serves an endless
 * stream of echo items whose producer could emit without limit, to a consumer (in this
 * JVM) that asks for one item per {@link #INTERVAL}. The server's heap used after a full
 * GC is reported with no stream open, and again after the slow stream ran for
 * {@link #STALLED}, with the server's direct memory and how many items its producer made.
 * Started by {@code rpc-benchmarks/run.sh --slow-consumer}.
 */
final class SlowConsumer {

    /** Time between two requests of one item by the consumer. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    /** How long the slow stream runs before the server's memory is measured. */
    static final Duration STALLED = Duration.ofSeconds(10);

    private static final List<Case> CASES = List.of(
            new Case(Stack.RPCBOOT, false, "Flux.generate (rpcboot asks it for what the consumer requested)"),
            new Case(Stack.GRPC, false,
                    "the obvious loop: onNext on a thread of its own until cancelled (at most 500,000 items)"),
            new Case(Stack.GRPC, true, "onNext while isReady(), resumed by the on-ready handler"));

    private final PrintStream out;

    SlowConsumer(PrintStream out) {
        this.out = out;
    }

    /**
     * Measures every case and prints one table.
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        double loadAverage = Report.loadAverage();
        SlowConsumer slowConsumer = new SlowConsumer(System.out);
        List<Result> results = new ArrayList<>();
        for (Case each : CASES) {
            results.add(slowConsumer.measure(each));
        }
        slowConsumer.print(results, loadAverage);
    }

    Result measure(Case each) throws InterruptedException {
        this.out.println("== " + each.stack().label() + ", " + each.producer());
        try (StackServerJvm server = StackServerJvm.start(each.stack(), (line) -> {
        })) {
            try (StackClient client = each.stack().connect(server.awaitPort())) {
                warmUp(client);
                StackServerJvm.Heap before = server.heap();
                long received;
                StackServerJvm.Heap stalled;
                try (SlowStream stream = client.openSlowStream(Workload.ECHO_ID_BASE, INTERVAL,
                        each.producerWatchesReadiness())) {
                    Thread.sleep(STALLED.toMillis());
                    stalled = server.heap();
                    received = stream.received();
                }
                Result result = new Result(each, before.used(), stalled.used(), stalled.direct() - before.direct(),
                        stalled.produced() - before.produced(), received);
                this.out.printf(Locale.ROOT, "   heap %s MB without the stream, %s MB with it; %d items produced%n",
                        mb(result.heapBefore()), mb(result.heapStalled()), result.produced());
                return result;
            }
        }
    }

    private static void warmUp(StackClient client) throws InterruptedException {
        long id = Workload.ECHO_ID_BASE;
        LoadRunner.firstCall(client);
        for (int i = 0; i < 2_000; i++) {
            if (!client.echo(id++)) {
                throw new IllegalStateException("wrong echo answer");
            }
        }
        for (int i = 0; i < 20; i++) {
            if (!client.stream(id, 1_000)) {
                throw new IllegalStateException("wrong stream");
            }
            id += 1_000;
        }
    }

    void print(List<Result> results, double loadAverage) {
        this.out.println();
        this.out.println("## Slow consumer");
        this.out.println();
        this.out.printf(Locale.ROOT,
                "One endless stream of echo items; the consumer requests one item every %d ms; server memory"
                        + " measured after a full GC with no stream open, and after the stream ran %d s"
                        + " (system load average before: %.2f; JVM flags: %s).%n",
                INTERVAL.toMillis(), STALLED.toSeconds(), loadAverage, String.join(" ", JvmProcess.inheritedFlags()));
        this.out.println();
        this.out.println("| stack | server's producer | heap used, no stream | heap used, slow stream open"
                + " | heap growth | direct memory growth | items produced | items received |");
        this.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Result result : results) {
            this.out.printf(Locale.ROOT, "| %s | %s | %s MB | %s MB | %s MB | %s MB | %,d | %,d |%n",
                    result.each().stack().label(), result.each().producer(), mb(result.heapBefore()),
                    mb(result.heapStalled()), mb(result.heapStalled() - result.heapBefore()), mb(result.directGrowth()),
                    result.produced(), result.received());
        }
        this.out.println();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }

    /**
     * One measured stack and producer.
     *
     * @param stack the stack
     * @param producerWatchesReadiness whether the gRPC producer respects flow control
     * @param producer what the server's producer is, as shown in the table
     */
    record Case(Stack stack, boolean producerWatchesReadiness, String producer) {
    }

    /**
     * What one case measured.
     *
     * @param each the case
     * @param heapBefore the server's heap used after GC, no stream open
     * @param heapStalled the same with the slow stream open
     * @param directGrowth the growth of the server's direct memory
     * @param produced the items the server's producer made
     * @param received the items the consumer received
     */
    record Result(Case each, long heapBefore, long heapStalled, long directGrowth, long produced, long received) {
    }

}
