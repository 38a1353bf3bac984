package io.rpcboot.semantics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A peer that accepts the connection but never answers the handshake: a call's deadline,
 * not the longer connect timeout, bounds how long the caller waits, for blocking and
 * asynchronous calls.
 */
class SilentServerTests {

    static ServerSocket silent;

    static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket accepted = silent.accept(); // kept open, never answered
                    accepted.setSoTimeout(0);
                }
            }
            catch (Exception ex) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        client = new SpringApplicationBuilder(AutoConfiguredApplication.class, ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("rpc.client.services.silent.urls=rpc://127.0.0.1:" + silent.getLocalPort(),
                    "rpc.client.services.silent.timeout=300ms", "rpc.client.connect-timeout=5s")
            .run();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        silent.close();
    }

    @Test
    void blockingCallEndsAtItsDeadline() {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> client.getBean(Silent.class).ping());
        assertThat(failure).isInstanceOfSatisfying(RpcException.class,
                (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void asynchronousCallEndsAtItsDeadline() {
        long start = System.nanoTime();
        CompletableFuture<String> result = client.getBean(Silent.class).pingAsync();
        Throwable failure = catchThrowable(() -> result.get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOfSatisfying(RpcException.class,
                (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @RpcClient(name = "silent")
    public interface Silent {

        String ping();

        CompletableFuture<String> pingAsync();

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Silent.class)
    static class ClientApp {

    }

}
