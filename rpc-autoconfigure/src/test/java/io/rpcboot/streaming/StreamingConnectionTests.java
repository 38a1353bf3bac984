package io.rpcboot.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.TcpRelay;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to an open stream when its connection goes: a cut connection fails the
 * stream with {@code UNAVAILABLE} and cancels the implementation's publisher; a server
 * that shuts down lets the stream run through its grace period, then ends it with
 * {@code UNAVAILABLE} and says why; keepalive finds a dead server under an idle stream
 * that has no deadline.
 */
class StreamingConnectionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void connectionLossFailsTheStreamAndCancelsThePublisher() throws Exception {
        try (ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, StreamingApplications.TickerServer.class });
                TcpRelay relay = new TcpRelay(RpcApplications.port(server));
                ConfigurableApplicationContext client = RpcApplications.client(server, "ticker",
                        new Class<?>[] { AutoConfiguredApplication.class, StreamingApplications.TickerClient.class },
                        "rpc.client.services.ticker.urls=rpc://127.0.0.1:" + relay.port())) {
            TickerService service = server.getBean(TickerService.class);
            AtomicLong received = new AtomicLong();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            client.getBean(Ticker.class)
                .endless("loss")
                .subscribe((element) -> received.incrementAndGet(), failure::complete, () -> failure.complete(null));
            awaitCondition(() -> received.get() > 100);
            relay.close();
            assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(RpcException.class,
                    (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE));
            assertThat(service.cancelled("loss").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void gracefulShutdownLetsAStreamRunThenEndsItWithUnavailable() throws Exception {
        ConfigurableApplicationContext server = RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, StreamingApplications.TickerServer.class },
                "spring.lifecycle.timeout-per-shutdown-phase=1s");
        try (ConfigurableApplicationContext client = RpcApplications.client(server, "ticker",
                new Class<?>[] { AutoConfiguredApplication.class, StreamingApplications.TickerClient.class })) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            client.getBean(Ticker.class)
                .endless("shutdown")
                .subscribe((element) -> received.incrementAndGet(), failure::complete, () -> failure.complete(null));
            awaitCondition(() -> received.get() > 100);
            CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
            long atShutdown = received.get();
            assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(RpcException.class,
                    (ex) -> {
                        assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE);
                        assertThat(ex.getMessage()).contains("shutting down").contains("grace period");
                    });
            assertThat(received.get()).as("elements received during the grace period").isGreaterThan(atShutdown);
            closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        finally {
            server.close();
        }
    }

    @Test
    void keepaliveFailsAnIdleStreamToADeadServerWithUnavailable() throws Exception {
        try (RawServer silent = new RawServer();
                ConfigurableApplicationContext client = new SpringApplicationBuilder(AutoConfiguredApplication.class,
                        StreamingApplications.TickerClient.class)
                    .web(WebApplicationType.NONE)
                    .properties("rpc.client.services.ticker.urls=" + silent.url(),
                            "rpc.client.keepalive.interval=200ms", "rpc.client.keepalive.timeout=300ms",
                            "rpc.client.timeout=10s")
                    .run()) {
            AtomicLong received = new AtomicLong();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            client.getBean(Ticker.class)
                .endless("idle")
                .subscribe((element) -> received.incrementAndGet(), failure::complete, () -> failure.complete(null));
            RawConnection connection = silent.acceptAndHandshakeStreaming(1 << 20);
            RawConnection.Request request = connection.readRequest();
            assertThat(request.timeoutMillis()).as("a stream without @RpcMethod(timeout) has no deadline").isZero();
            connection.writeFrame(7, request.id(), "1".getBytes(StandardCharsets.UTF_8));
            awaitCondition(() -> received.get() == 1);
            // then the server goes silent: no more messages, no answers to pings
            long start = System.nanoTime();
            assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(RpcException.class,
                    (ex) -> {
                        assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE);
                        assertThat(ex.getMessage()).contains("keepalive");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within " + WAIT).isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

}
