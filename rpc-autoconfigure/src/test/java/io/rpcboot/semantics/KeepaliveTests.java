package io.rpcboot.semantics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server that goes silent while a call waits is pinged and, when it does not answer,
 * declared dead: the call fails with UNAVAILABLE long before its deadline. A busy but
 * healthy server answers the pings, and its slow calls complete.
 */
class KeepaliveTests {

    private static final String[] FAST_KEEPALIVE = { "rpc.client.keepalive.interval=200ms",
            "rpc.client.keepalive.timeout=300ms", "rpc.client.timeout=10s" };

    @Test
    void silentServerFailsWaitingCallsWithUnavailableLongBeforeTheirDeadline() {
        try (RawServer silent = new RawServer()) {
            ConfigurableApplicationContext client = clientOf(silent.url());
            try {
                CompletableFuture<Throwable> failure = CompletableFuture
                    .supplyAsync(() -> catchThrowable(() -> client.getBean(Napper.class).nap(0)));
                RawConnection connection = silent.acceptAndHandshake(1 << 20);
                connection.readRequest(); // and never answer it, nor the pings
                long start = System.nanoTime();
                Throwable thrown = failure.join();
                assertThat(thrown).isInstanceOfSatisfying(RpcException.class, (ex) -> {
                    assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE);
                    assertThat(ex.getMessage()).contains("keepalive");
                });
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
            finally {
                client.close();
            }
        }
    }

    @Test
    void busyServerAnswersPingsAndItsSlowCallCompletes() {
        ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        ConfigurableApplicationContext client = clientOf("rpc://127.0.0.1:" + RpcApplications.port(server));
        try {
            assertThat(client.getBean(Napper.class).nap(1500)).isEqualTo("slept 1500ms");
        }
        finally {
            client.close();
            server.close();
        }
    }

    private static ConfigurableApplicationContext clientOf(String url) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("rpc.client.services.napper.urls=" + url)
            .properties(FAST_KEEPALIVE)
            .run();
    }

    @RpcClient(name = "napper")
    public interface Napper {

        String nap(long millis);

    }

    @RpcService
    static class NapperService implements Napper {

        @Override
        public String nap(long millis) {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "slept " + millis + "ms";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        NapperService napperService() {
            return new NapperService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Napper.class)
    static class ClientApp {

    }

}
