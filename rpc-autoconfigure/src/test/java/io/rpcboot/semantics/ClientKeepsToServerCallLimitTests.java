package io.rpcboot.semantics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client with more calls in flight than the server runs for one connection
 * ({@code rpc.server.max-concurrent-calls-per-connection}, announced in the server's
 * settings) holds the excess back until answers free slots, so that every call succeeds
 * instead of being refused with RESOURCE_EXHAUSTED.
 */
class ClientKeepsToServerCallLimitTests {

    private static final int LIMIT = 4;

    private static final int CALLS = 50;

    private static final Duration WAIT = Duration.ofSeconds(20);

    static ConfigurableApplicationContext server;

    static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.server.max-concurrent-calls-per-connection=" + LIMIT);
        client = RpcApplications.client(server, "workers",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class }, "rpc.client.timeout=30s");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void moreConcurrentAsynchronousCallsThanTheServerRunsPerConnectionAllSucceed() {
        WorkerImpl worker = server.getBean(WorkerImpl.class);
        Worker proxy = client.getBean(Worker.class);
        List<CompletableFuture<Integer>> results = IntStream.range(0, CALLS).mapToObj(proxy::work).toList();
        assertThat(worker.awaitFull()).as("the server runs as many calls as it allows").isTrue();
        worker.open();
        for (int i = 0; i < CALLS; i++) {
            assertThat(results.get(i)).succeedsWithin(WAIT).isEqualTo(i * 2);
        }
        assertThat(worker.mostAtOnce.get()).isEqualTo(LIMIT);
    }

    @RpcClient(name = "workers")
    public interface Worker {

        CompletableFuture<Integer> work(int value);

    }

    /** Blocks the server's thread in every call until the test opens it. */
    @RpcService
    static class WorkerImpl implements Worker {

        private final CountDownLatch full = new CountDownLatch(LIMIT);

        private final CountDownLatch open = new CountDownLatch(1);

        private final AtomicInteger running = new AtomicInteger();

        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public CompletableFuture<Integer> work(int value) {
            this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
            try {
                this.full.countDown();
                this.open.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                this.running.decrementAndGet();
            }
            return CompletableFuture.completedFuture(value * 2);
        }

        boolean awaitFull() {
            try {
                return this.full.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void open() {
            this.open.countDown();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        WorkerImpl worker() {
            return new WorkerImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Worker.class)
    static class ClientApp {

    }

}
