package io.rpcboot.streaming;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose SETTINGS do not announce STREAMING (one that predates streams) is never
 * sent a stream call: the client fails it at once with {@code NOT_FOUND}, saying why,
 * instead of waiting for frames that server will never send.
 */
class StreamingCapabilityTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static RawServer rawServer;

    static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        rawServer = new RawServer();
        client = new SpringApplicationBuilder(AutoConfiguredApplication.class, ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "rpc.client.services.ticker.urls=" + rawServer.url())
            .run();
    }

    @AfterAll
    static void stop() {
        client.close();
        rawServer.close();
    }

    @Test
    void streamCallToAServerWithoutStreamingFailsWithNotFoundAndSendsNothing() throws Exception {
        Ticker ticker = client.getBean(Ticker.class);
        CompletableFuture<RawConnection> accepted = CompletableFuture
            .supplyAsync(() -> rawServer.acceptAndHandshake(1 << 20));
        StepVerifier.create(ticker.count(3))
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RpcException.class, (rpc) -> {
                assertThat(rpc.getStatus()).isEqualTo(RpcStatus.NOT_FOUND);
                assertThat(rpc.getMessage()).contains("does not support streaming");
            }))
            .verify(WAIT);
        try (RawConnection connection = accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            // the next frame the client sends is the answer to a ping: no REQUEST came
            // before
            connection.writeFrame(RawConnection.PING, 0, new byte[8]);
            assertThat(connection.readFrame().type()).isEqualTo(RawConnection.PING);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class ClientApp {

    }

}
