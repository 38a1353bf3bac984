package io.rpcboot.semantics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A server that cannot be reached fails calls with {@code UNAVAILABLE} at once, not at
 * the call's deadline (10s here), and the same proxy works again, without a restart of
 * the client, once a server listens on the port.
 */
class UnreachableServerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Duration RECOVERY = Duration.ofSeconds(5);

    @Test
    void unreachableServerFailsTheCallWithUnavailableLongBeforeTheTimeout() {
        try (ConfigurableApplicationContext client = client(unusedPort())) {
            Clock clock = client.getBean(Clock.class);
            assertUnavailableWellBeforeTheTimeout(clock::now);
        }
    }

    @Test
    void unreachableServerFailsAnAsynchronousCallWithUnavailableLongBeforeTheTimeout() {
        try (ConfigurableApplicationContext client = client(unusedPort())) {
            CompletableFuture<String> result = client.getBean(Clock.class).later();
            assertThat(result).failsWithin(TIMEOUT.dividedBy(4))
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class,
                        (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE));
        }
    }

    @Test
    void sameProxyWorksOnceAServerListensOnThePort() {
        int port = unusedPort();
        try (ConfigurableApplicationContext client = client(port)) {
            Clock clock = client.getBean(Clock.class);
            assertUnavailableWellBeforeTheTimeout(clock::now);
            try (ConfigurableApplicationContext server = server(port)) {
                awaitRecovery(clock);
            }
        }
    }

    @Test
    void sameProxyReconnectsAfterTheServerRestarts() {
        ConfigurableApplicationContext server = server(0);
        int port = RpcApplications.port(server);
        try (ConfigurableApplicationContext client = client(port)) {
            Clock clock = client.getBean(Clock.class);
            assertThat(clock.now()).isEqualTo("tick");
            server.close();
            assertUnavailableWellBeforeTheTimeout(clock::now);
            server = server(port);
            awaitRecovery(clock);
        }
        finally {
            server.close();
        }
    }

    private static void awaitRecovery(Clock clock) {
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> assertThat(clock.now()).isEqualTo("tick"));
    }

    private static void assertUnavailableWellBeforeTheTimeout(ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatExceptionOfType(RpcException.class).isThrownBy(call)
            .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(4));
    }

    private static ConfigurableApplicationContext server(int port) {
        return RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.server.port=" + port);
    }

    private static ConfigurableApplicationContext client(int port) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "rpc.client.services.clock.urls=rpc://127.0.0.1:" + port,
                    "rpc.client.timeout=" + TIMEOUT.toMillis() + "ms")
            .run();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @RpcClient(name = "clock")
    public interface Clock {

        String now();

        CompletableFuture<String> later();

    }

    @RpcService
    static class ClockImpl implements Clock {

        @Override
        public String now() {
            return "tick";
        }

        @Override
        public CompletableFuture<String> later() {
            return CompletableFuture.completedFuture("tock");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        ClockImpl clock() {
            return new ClockImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Clock.class)
    static class ClientApp {

    }

}
