package io.rpcboot.semantics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.TcpRelay;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent calls share one persistent connection, are in flight on it at the same time,
 * and each gets its own answer. Relays between a client and the server count the client's
 * connections.
 */
class MultiplexingTests {

    private static final int THREADS = 32;

    private static final int CALLS = 200;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("oracle", AutoConfiguredApplication.class, ClientApp.class);

    private final Oracle oracle = pair.clientBean(Oracle.class);

    static ExecutorService callers;

    @BeforeAll
    static void start() {
        callers = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        callers.shutdownNow();
    }

    @RepeatedTest(5)
    void concurrentFirstCallsOfANewClientShareOneConnection() {
        try (TcpRelay relay = new TcpRelay(pair.port());
                ConfigurableApplicationContext newClient = pair
                    .startClient("rpc.client.services.oracle.urls=rpc://127.0.0.1:" + relay.port())) {
            callConcurrently(newClient.getBean(Oracle.class), CALLS).forEach(CompletableFuture::join);
            assertThat(relay.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void everyConcurrentCallGetsItsOwnAnswer() {
        List<CompletableFuture<String>> answers = callConcurrently(oracle, CALLS);
        for (int i = 0; i < CALLS; i++) {
            assertThat(answers.get(i)).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("answer to " + i);
        }
    }

    @Test
    void callsAreInFlightOnTheConnectionAtTheSameTime() {
        CountDownLatch together = new CountDownLatch(THREADS);
        pair.serverBean(OracleImpl.class).together = together;
        try {
            callConcurrently(oracle, THREADS).forEach(CompletableFuture::join);
        }
        finally {
            pair.serverBean(OracleImpl.class).together = null;
        }
        assertThat(together.getCount()).as("calls still to arrive while the first ones waited").isZero();
    }

    private static List<CompletableFuture<String>> callConcurrently(Oracle oracle, int calls) {
        return IntStream.range(0, calls)
            .mapToObj((i) -> CompletableFuture.supplyAsync(() -> oracle.ask(i), callers))
            .toList();
    }

    @RpcClient(name = "oracle")
    public interface Oracle {

        String ask(int question);

    }

    @RpcService
    static class OracleImpl implements Oracle {

        volatile CountDownLatch together;

        @Override
        public String ask(int question) {
            CountDownLatch latch = this.together;
            if (latch != null) {
                latch.countDown();
                try {
                    latch.await(5, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return "answer to " + question;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        OracleImpl oracle() {
            return new OracleImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Oracle.class)
    static class ClientApp {

    }

}
