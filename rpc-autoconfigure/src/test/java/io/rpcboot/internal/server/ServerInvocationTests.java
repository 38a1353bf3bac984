package io.rpcboot.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One invocation, built directly: what it answers for timeouts at the edge of what a
 * caller can send, and a cancel racing the call it cancels.
 */
class ServerInvocationTests {

    private static final PayloadCodec codec = new PayloadCodec(new JsonMapper());

    private static final ServiceRegistry registry = new ServiceRegistry(Map.of(Clock.class, new ClockImpl()), codec);

    // never started: it only lends its interceptors and error settings to the invocations
    private static final RpcServer server = new RpcServer(
            ServerOptions.builder().maxMessageSize(4096).maxThreads(1).maxQueuedCalls(1).build(), registry, codec,
            Runnable::run, RpcInterceptorChain.of(List.of()), List.of());

    @Test
    void timeoutTooLargeForNanosecondsStillLeavesTheCallItsTime() {
        for (long timeoutMillis : new long[] { Long.MAX_VALUE, 9_300_000_000_000L, 0xFFFF_FFFFL }) {
            Recording responder = new Recording();
            invocation("remainingHours()", timeoutMillis, responder).run();
            assertThat(responder.errors).as("errors for a timeout of %d ms", timeoutMillis).isEmpty();
            assertThat(responder.results).as("result for a timeout of %d ms", timeoutMillis)
                .singleElement()
                .satisfies((hours) -> assertThat((Long) hours).isGreaterThanOrEqualTo(24L));
            assertThat(responder.finished).hasValue(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "now()", "untilInterrupted()", "later()" })
    void cancelRacingTheCallEndsItOnceAndLeavesTheThreadClean(String methodKey) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2000; i++) {
                Recording responder = new Recording();
                ServerInvocation invocation = invocation(methodKey, 0, responder);
                CyclicBarrier start = new CyclicBarrier(2);
                AtomicBoolean cancelReturned = new AtomicBoolean();
                Future<Boolean> run = threads.submit(() -> {
                    start.await();
                    invocation.run();
                    while (!cancelReturned.get()) {
                        Thread.onSpinWait();
                    }
                    return Thread.currentThread().isInterrupted();
                });
                Future<Boolean> cancel = threads.submit(() -> {
                    start.await();
                    try {
                        return invocation.cancel();
                    }
                    finally {
                        cancelReturned.set(true);
                    }
                });
                boolean cancelled = cancel.get(10, TimeUnit.SECONDS);
                assertThat(run.get(10, TimeUnit.SECONDS)).as("interrupt left on the thread after run()").isFalse();
                assertThat(responder.finishedOnce.await(10, TimeUnit.SECONDS)).as("finished").isTrue();
                assertThat(responder.finished).as("onFinished calls").hasValue(1);
                int outcomes = responder.results.size() + responder.errors.size();
                if (cancelled) {
                    assertThat(outcomes).as("outcomes after a successful cancel").isZero();
                }
                else {
                    assertThat(outcomes).as("outcomes of a call the cancel did not stop").isOne();
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static ServerInvocation invocation(String methodKey, long timeoutMillis, Recording responder) {
        ServerMethod method = registry.find(Clock.class.getName(), methodKey);
        assertThat(method).isNotNull();
        return new ServerInvocation(method, Unpooled.copiedBuffer("[]", StandardCharsets.UTF_8), PayloadFormat.JSON,
                timeoutMillis, Map.of(), null, null, responder, server);
    }

    public interface Clock {

        long remainingHours();

        long now();

        long untilInterrupted() throws InterruptedException;

        CompletableFuture<Long> later();

    }

    static class ClockImpl implements Clock {

        private final Executor completer = Executors.newSingleThreadExecutor((task) -> {
            Thread thread = new Thread(task, "clock-completer");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public long untilInterrupted() throws InterruptedException {
            new CountDownLatch(1).await(5, TimeUnit.SECONDS);
            return System.nanoTime();
        }

        @Override
        public CompletableFuture<Long> later() {
            return CompletableFuture.supplyAsync(System::nanoTime, this.completer);
        }

        @Override
        public long remainingHours() {
            RpcContext context = RpcContext.current();
            Duration remaining = (context != null) ? context.remainingTime() : null;
            return (remaining != null) ? remaining.toHours() : -1;
        }

    }

    /** Records what an invocation answers. */
    static final class Recording implements ServerInvocation.Responder {

        final List<@Nullable Object> results = Collections.synchronizedList(new ArrayList<>());

        final Queue<RpcStatus> errors = new ConcurrentLinkedQueue<>();

        final AtomicInteger finished = new AtomicInteger();

        final CountDownLatch finishedOnce = new CountDownLatch(1);

        @Override
        public void onResult(@Nullable Object result) {
            this.results.add(result);
        }

        @Override
        public void onError(RpcStatus status, ErrorPayload error) {
            this.errors.add(status);
        }

        @Override
        public void onFinished() {
            this.finished.incrementAndGet();
            this.finishedOnce.countDown();
        }

    }

}
