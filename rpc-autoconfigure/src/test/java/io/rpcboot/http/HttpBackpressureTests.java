package io.rpcboot.http;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pipelines requests and does not read the answers holds the server back,
 * not its memory: once a connection's unsent answers pass Netty's write-buffer high water
 * mark (64 KB), the server stops reading from it until they drain, so the answers waiting
 * for that client stay within a bound however many requests it sends, other connections
 * are served meanwhile, and the slow client gets every answer, in order, once it reads.
 */
class HttpBackpressureTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    /**
     * What a connection that does not read may hold in direct memory: its answers up to
     * the high water mark (64 KB) plus the answer being written, one read's worth of
     * requests, and the allocator's granularity (the chunks it keeps for each thread that
     * allocates); the answers the tests below ask for would pin more than twice that, and
     * did before the server held back.
     */
    private static final long BOUND = 24L * 1024 * 1024;

    private static final Duration NOT_READING = Duration.ofSeconds(5);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class);

    private final int port = pair.port();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void pipelinedDescriptionsThatAreNotReadStayWithinABound() throws Exception {
        int count = 50_000;
        int descriptionLength;
        try (RawHttp probe = new RawHttp(port)) {
            descriptionLength = probe.write(RawHttp.get("/")).read().body().length();
        }
        assertThat((long) descriptionLength * count).as("what the answers would pin").isGreaterThan(8 * BOUND);
        try (RawHttp slow = new RawHttp(port)) {
            long growth = pipelineWithoutReading(slow, count, (i) -> RawHttp.get("/"));
            assertThat(growth).as("direct memory held for a client that does not read").isLessThan(BOUND);
            for (int i = 0; i < count; i++) {
                RawHttp.Response response = slow.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).hasSize(descriptionLength);
            }
        }
    }

    /**
     * The same with calls that run on the executor. Their answers are allocated on the
     * call threads, whose allocator caches make the process's direct memory too coarse a
     * measure here; the test asserts what a client sees: other connections served, and
     * every answer, in order.
     */
    @Test
    void pipelinedCallsThatAreNotReadAreAnsweredInOrderOnceRead() throws Exception {
        int count = 4_000;
        String text = "x".repeat(16 * 1024);
        try (RawHttp slow = new RawHttp(port)) {
            pipelineWithoutReading(slow, count, (i) -> RawHttp.post(SHOP + "/echo", "[\"" + i + ":" + text + "\"]"));
            for (int i = 0; i < count; i++) {
                RawHttp.Response response = slow.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).startsWith("\"" + i + ":x")
                    .hasSize(text.length() + 3 + String.valueOf(i).length());
            }
        }
    }

    /**
     * Sends requests on a connection without reading its answers, for a few seconds (less
     * when memory grows past the bound first), while another connection makes calls;
     * returns the largest growth of direct memory seen meanwhile.
     */
    private long pipelineWithoutReading(RawHttp connection, int count, IntFunction<String> request) throws Exception {
        long before = usedDirectMemory();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            StringBuilder batch = new StringBuilder();
            try {
                for (int i = 0; i < count; i++) {
                    batch.append(request.apply(i));
                    if (batch.length() > 16 * 1024 || i == count - 1) {
                        connection.write(batch.toString());
                        batch.setLength(0);
                    }
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }, this.threads);
        long deadline = System.nanoTime() + NOT_READING.toNanos();
        AtomicBoolean watching = new AtomicBoolean(true);
        CompletableFuture<Integer> others = CompletableFuture.supplyAsync(() -> {
            int served = 0;
            try (RawHttp other = new RawHttp(port)) {
                while (watching.get()) {
                    RawHttp.Response greeting = other.write(RawHttp.post(SHOP + "/greet", "[\"Ada\"]")).read();
                    assertThat(greeting.body()).isEqualTo("\"Hello, Ada\"");
                    served++;
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            return served;
        }, this.threads);
        long peak = before;
        while (System.nanoTime() < deadline && peak - before < BOUND) {
            peak = Math.max(peak, usedDirectMemory());
            Thread.sleep(10); // sampling memory for the whole period, not waiting for a
                              // condition
        }
        watching.set(false);
        assertThat(others.get(10, TimeUnit.SECONDS)).as("calls served on another connection meanwhile").isPositive();
        return peak - before;
    }

    /**
     * Returns the direct memory in use: what Netty allocated without the JDK's cleaner
     * (its own count) plus the JDK's direct buffers (where Netty's other direct memory
     * is).
     */
    private static long usedDirectMemory() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
            .stream()
            .filter((pool) -> pool.getName().equals("direct"))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum();
        return Math.max(PlatformDependent.usedDirectMemory(), 0) + jdk;
    }

}
