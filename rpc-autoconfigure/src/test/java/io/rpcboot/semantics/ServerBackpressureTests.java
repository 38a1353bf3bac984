package io.rpcboot.semantics;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that sends and never reads the answers cannot make the server hold more
 * and more of them: the server stops reading from it while its answers wait (and closes
 * it when PING answers pile up), so the flooder's writes stall (or fail) long before it
 * sent 128 MB, the server's memory stays within a bound, and another connection is served
 * throughout.
 * <p>
 * The bound: a connection that does not read holds at most what one round of reads brings
 * in (Netty reads up to 16 times 64 KB before it looks at writability again, about 58,000
 * PINGs or 15,000 small requests) and their answers, with the objects that carry them (a
 * few hundred bytes each): tens of megabytes at most, where queuing every answer grows by
 * hundreds of megabytes a second.
 */
class ServerBackpressureTests {

    private static final long HEAP_BOUND = 96L * 1024 * 1024;

    private static final long DIRECT_BOUND = 64L * 1024 * 1024;

    /** More than the socket buffers of both ends and one round of reads hold. */
    private static final long FLOOD_BYTES = 128L * 1024 * 1024;

    private static final Duration MAX_FLOOD = Duration.ofSeconds(60);

    private static final Duration STALLED = Duration.ofSeconds(2);

    private static final String ECHO = EchoService.NAME;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, EchoService.ServerApp.class);

    @Test
    void pingFloodThatNeverReadsItsAnswersLeavesMemoryBoundedAndOtherConnectionsServed() {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < 4096; i++) {
            chunk.writeBytes(
                    new byte[] { 0, 0, 0, 14, RawConnection.PING, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, (byte) i });
        }
        byte[] pings = chunk.toByteArray();
        assertFloodHarmless((ignored) -> pings);
    }

    @Test
    void pipelinedRequestsWhoseAnswersAreNeverReadLeaveMemoryBoundedAndOtherConnectionsServed() {
        AtomicInteger ids = new AtomicInteger();
        assertFloodHarmless((ignored) -> {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                chunk.writeBytes(ProtocolViolationTests.requestFrame(ids.incrementAndGet(), ECHO,
                        "echo(java.lang.String)", "[\"ping\"]"));
            }
            return chunk.toByteArray();
        });
    }

    private static void assertFloodHarmless(IntFunction<byte[]> chunks) {
        Memory baseline = Memory.afterGc();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection flooder = RawConnection.connectAndHandshake(port())) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; written.get() < FLOOD_BYTES && !stop.get(); i++) {
                        byte[] chunk = chunks.apply(i);
                        flooder.write(chunk);
                        written.addAndGet(chunk.length);
                        lastProgress.set(System.nanoTime());
                    }
                }
                catch (UncheckedIOException closedByServer) {
                    // the server may close a connection that floods it
                }
            }, "flooder");
            writer.start();
            long deadline = System.nanoTime() + MAX_FLOOD.toNanos();
            long peakHeap = 0;
            long peakDirect = 0;
            int id = 0;
            while (writer.isAlive() && System.nanoTime() - deadline < 0
                    && System.nanoTime() - lastProgress.get() < STALLED.toNanos()) {
                healthy.writeRequest(++id, ECHO, "echo(java.lang.String)", 0, "[\"fine\"]");
                RawConnection.Response response = healthy.readResponse();
                assertThat(response.status()).isEqualTo(RpcStatus.OK);
                assertThat(response.id()).isEqualTo(id);
                Memory now = Memory.afterGc();
                peakHeap = Math.max(peakHeap, now.heap() - baseline.heap());
                peakDirect = Math.max(peakDirect, now.direct() - baseline.direct());
                if (peakHeap > HEAP_BOUND || peakDirect > DIRECT_BOUND) {
                    break; // stop before the JVM that runs the tests runs out
                }
            }
            stop.set(true);
            flooder.close(); // unblocks the writer if the server stopped reading
            join(writer);
            assertThat(id).as("calls answered on the healthy connection").isPositive();
            assertThat(peakHeap).as("server heap growth during the flood").isLessThanOrEqualTo(HEAP_BOUND);
            assertThat(peakDirect).as("server direct memory growth during the flood").isLessThanOrEqualTo(DIRECT_BOUND);
            assertThat(written.get()).as("bytes the server took from a peer that does not read")
                .isLessThan(FLOOD_BYTES);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static int port() {
        return pair.port();
    }

    /** The used memory of this JVM, which runs the server. */
    private record Memory(long heap, long direct) {

        static Memory afterGc() {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long direct = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                direct += pool.getMemoryUsed();
            }
            long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
            return new Memory(runtime.totalMemory() - runtime.freeMemory(), direct + Math.max(netty, 0));
        }

    }

}
