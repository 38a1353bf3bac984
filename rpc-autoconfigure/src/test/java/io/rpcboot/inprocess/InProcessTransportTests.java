package io.rpcboot.inprocess;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.local.LocalAddress;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerHolder;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A call over the in-process transport ({@code rpc.server.in-process.name} and a client
 * URL {@code in-process:NAME}) behaves as one over TCP: each behaviour runs over both,
 * against one server that serves both.
 */
class InProcessTransportTests {

    private static final String NAME = "in-process-transport-tests";

    private static final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    private static final AtomicReference<Map<String, String>> responseMetadata = new AtomicReference<>();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .serverProperties("rpc.server.in-process.name=" + NAME)
        .client("ledger", AutoConfiguredApplication.class, ClientApp.class);

    private static @Nullable ConfigurableApplicationContext inProcessClient;

    @BeforeAll
    static void startInProcessClient() {
        inProcessClient = pair.startClient("rpc.client.services.ledger.urls=in-process:" + NAME);
    }

    @AfterAll
    static void releaseGates() {
        gates.values().forEach(CountDownLatch::countDown);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void callReturnsTheResult(String transport) {
        assertThat(ledger(transport).echo("hello " + transport)).isEqualTo("hello " + transport);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void declaredExceptionArrivesAsItself(String transport) {
        assertThatExceptionOfType(OverdrawnException.class).isThrownBy(() -> ledger(transport).withdraw(500))
            .withMessage("500 is more than the balance of 100");
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void callThatOutlivesItsTimeoutFailsWithDeadlineExceeded(String transport) {
        String gate = "deadline-" + transport;
        try {
            long start = System.nanoTime();
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> ledger(transport).await(gate))
                .returns(RpcStatus.DEADLINE_EXCEEDED, RpcException::getStatus);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        finally {
            gate(gate).countDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void metadataTravelsBothWaysThroughInterceptorsWhichSeeTheTransport(String transport) {
        try (RpcContext.Scope scope = RpcMetadata.attach("tenant", "acme")) {
            assertThat(ledger(transport).tenant()).isEqualTo("acme, stamped by the client interceptor");
        }
        assertThat(responseMetadata.get()).containsEntry("served-over", transport);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void callIsObservedOnBothSides(String transport) {
        long serverBefore = count(pair.server(), "rpc.server.requests");
        long clientBefore = count(client(transport), "rpc.client.requests");
        ledger(transport).echo("observed");
        assertThat(count(client(transport), "rpc.client.requests")).isEqualTo(clientBefore + 1);
        // the server's observation stops once the response is written, which the client
        // may read first
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(pair.server(), "rpc.server.requests") == serverBefore && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(count(pair.server(), "rpc.server.requests")).isEqualTo(serverBefore + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "in-process" })
    void completableFutureMethodCompletesWithTheResult(String transport) throws Exception {
        CompletableFuture<String> result = ledger(transport).later("async " + transport);
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("async " + transport);
    }

    @Test
    void unknownInProcessNameFailsUnavailableAtOnceNamingIt() {
        try (ConfigurableApplicationContext client = pair.startClient("rpc.client.timeout=30s",
                "rpc.client.services.ledger.urls=in-process:nobody-serves-this")) {
            long start = System.nanoTime();
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Ledger.class).echo("hi"))
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus)
                .withMessageContaining("in-process:nobody-serves-this");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void stoppingAnInProcessServerLetsItsCallsInFlightFinishAndRefusesNewOnes() throws Exception {
        String name = NAME + "-shutdown";
        ConfigurableApplicationContext server = application(ServerApp.class, "rpc.server.port=-1",
                "rpc.server.in-process.name=" + name);
        try (ConfigurableApplicationContext client = application(ClientApp.class,
                "rpc.client.services.ledger.urls=in-process:" + name)) {
            Ledger ledger = client.getBean(Ledger.class);
            assertThat(ledger.echo("before")).isEqualTo("before");
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> ledger.awaitPatiently("drain"));
            await(() -> gates.containsKey("drain"));
            RpcServer rpcServer = server.getBean(ServerHolder.class).getServer();
            assertThat(rpcServer).isNotNull();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            await(() -> !rpcServer.isRunning());
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> ledger.echo("after"))
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            assertThat(inFlight).isNotDone();
            gate("drain").countDown();
            assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("drain");
            stopping.get(10, TimeUnit.SECONDS);
        }
        finally {
            gate("drain").countDown();
            server.close();
        }
    }

    private static ConfigurableApplicationContext application(Class<?> configuration, String... properties) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, configuration).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static ConfigurableApplicationContext client(String transport) {
        ConfigurableApplicationContext client = "tcp".equals(transport) ? pair.client() : inProcessClient;
        assertThat(client).isNotNull();
        return client;
    }

    private static Ledger ledger(String transport) {
        return client(transport).getBean(Ledger.class);
    }

    private static long count(ConfigurableApplicationContext context, String timer) {
        return context.getBean(MeterRegistry.class)
            .find(timer)
            .tag("rpc.method", "echo")
            .timers()
            .stream()
            .mapToLong(io.micrometer.core.instrument.Timer::count)
            .sum();
    }

    private static CountDownLatch gate(String key) {
        return gates.computeIfAbsent(key, (name) -> new CountDownLatch(1));
    }

    @RpcClient(name = "ledger")
    public interface Ledger {

        String echo(String text);

        long withdraw(long amount) throws OverdrawnException;

        @RpcMethod(timeout = "300ms")
        String await(String gate);

        @RpcMethod(timeout = "10s")
        String awaitPatiently(String gate);

        String tenant();

        CompletableFuture<String> later(String text);

    }

    public static class OverdrawnException extends Exception {

        public OverdrawnException(String message) {
            super(message);
        }

    }

    @RpcService
    static class LedgerService implements Ledger {

        @Override
        public String echo(String text) {
            return text;
        }

        @Override
        public long withdraw(long amount) throws OverdrawnException {
            if (amount > 100) {
                throw new OverdrawnException(amount + " is more than the balance of 100");
            }
            return 100 - amount;
        }

        @Override
        public String await(String gate) {
            try {
                gate(gate).await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return gate;
        }

        @Override
        public String awaitPatiently(String gate) {
            return await(gate);
        }

        @Override
        public String tenant() {
            Map<String, String> metadata = RpcContext.current().requestMetadata();
            return metadata.get("tenant") + ", " + metadata.get("stamp");
        }

        @Override
        public CompletableFuture<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        LedgerService ledgerService() {
            return new LedgerService();
        }

        @Bean
        RpcServerInterceptor transportStamp() {
            return (call, next) -> {
                String transport = (call.remoteAddress() instanceof LocalAddress) ? "in-process" : "tcp";
                call.responseMetadata().put("served-over", transport);
                return next.proceed();
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ledger.class)
    static class ClientApp {

        @Bean
        RpcClientInterceptor stamp() {
            return (call, next) -> {
                call.requestMetadata().put("stamp", "stamped by the client interceptor");
                Object result = next.proceed();
                responseMetadata.set(Map.copyOf(call.responseMetadata()));
                return result;
            };
        }

    }

}
