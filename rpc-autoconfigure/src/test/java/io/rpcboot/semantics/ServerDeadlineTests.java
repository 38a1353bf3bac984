package io.rpcboot.semantics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server does not rely on its clients to cancel: when a call's deadline passes, it
 * answers {@code DEADLINE_EXCEEDED} at once, over both protocols, to a raw client that
 * never sends CANCEL. The method is not interrupted: it sees its {@link RpcContext}
 * cancelled, the calls it makes then fail at once, and whatever it returns afterwards is
 * never sent.
 */
class ServerDeadlineTests {

    private static final String RESERVATIONS = Reservations.class.getName();

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    /**
     * The method blocks until released, so any answer before this bound came from the
     * deadline; it is wide because a busy CI machine can take seconds to start an HTTP
     * client and its connection.
     */
    private static final Duration ANSWERED_WELL_BEFORE = Duration.ofSeconds(8);

    static ConfigurableApplicationContext server;

    static ReservationsImpl reservations;

    @BeforeAll
    static void start() {
        // the downstream service listens nowhere: a call to it can only fail
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.client.services.downstream.urls=rpc://127.0.0.1:1");
        reservations = server.getBean(ReservationsImpl.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        reservations.reset();
    }

    @Test
    void binaryCallIsAnsweredDeadlineExceededAtItsDeadlineWithoutACancel() throws InterruptedException {
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            long start = System.nanoTime();
            connection.writeRequest(1, RESERVATIONS, "reserve(java.lang.String)", TIMEOUT.toMillis(), "[\"sku-1\"]");
            RawConnection.Response response = connection.readResponse();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.id()).isEqualTo(1);
            assertThat(response.status()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED);
            assertThat(response.payload())
                .contains("the deadline of 500 ms passed before " + RESERVATIONS + ".reserve(java.lang.String)");
            assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(ANSWERED_WELL_BEFORE);
            assertMethodSawItsCancelAndWasNotInterrupted();
            // the method's own result is never sent: the next frame answers the next
            // request
            connection.writeRequest(2, RESERVATIONS, "count()", 0, "[]");
            RawConnection.Response next = connection.readResponse();
            assertThat(next.id()).isEqualTo(2);
            assertThat(next.payload()).isEqualTo("1");
        }
    }

    @Test
    void httpCallIsAnsweredDeadlineExceededAtItsDeadlineAndTheMethodIsNotInterrupted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        URI reserve = URI.create("http://127.0.0.1:" + RpcApplications.port(server) + "/" + RESERVATIONS + "/reserve");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(reserve)
            .header("Content-Type", "application/json")
            .header("rpc-timeout", "500ms")
            .POST(HttpRequest.BodyPublishers.ofString("[\"sku-2\"]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("DEADLINE_EXCEEDED", "the deadline of 500 ms passed");
        assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(ANSWERED_WELL_BEFORE);
        assertMethodSawItsCancelAndWasNotInterrupted();
    }

    @Test
    void callThatAnswersWithinItsDeadlineIsAnsweredOk() {
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            reservations.release.countDown();
            connection.writeRequest(1, RESERVATIONS, "reserve(java.lang.String)", 5000, "[\"sku-3\"]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("\"reserved sku-3\"");
        }
    }

    private static void assertMethodSawItsCancelAndWasNotInterrupted() throws InterruptedException {
        assertThat(reservations.finished.await(5, TimeUnit.SECONDS)).as("the method returned").isTrue();
        assertThat(reservations.sawCancelled).as("RpcContext.isCancelled() in the method").isTrue();
        assertThat(reservations.interrupted).as("the method's thread was interrupted").isFalse();
        assertThat(reservations.outgoingStatus).as("status of the call the method made afterwards")
            .isEqualTo(RpcStatus.DEADLINE_EXCEEDED);
        assertThat(reservations.outgoingMillis).as("time the call it made took").isLessThan(200L);
        assertThat(reservations.reserved.get()).as("side effects, done by the method itself").isEqualTo(1);
    }

    public interface Reservations {

        String reserve(String sku);

        int count();

    }

    @RpcClient(name = "downstream")
    public interface Downstream {

        String ping();

    }

    /**
     * Waits until released or until its call is cancelled, then calls downstream and
     * records what it saw.
     */
    @RpcService
    static class ReservationsImpl implements Reservations {

        private final Downstream downstream;

        final AtomicInteger reserved = new AtomicInteger();

        volatile CountDownLatch release = new CountDownLatch(1);

        volatile CountDownLatch finished = new CountDownLatch(1);

        volatile boolean sawCancelled;

        volatile boolean interrupted;

        volatile RpcStatus outgoingStatus;

        volatile long outgoingMillis;

        ReservationsImpl(Downstream downstream) {
            this.downstream = downstream;
        }

        void reset() {
            this.reserved.set(0);
            this.release = new CountDownLatch(1);
            this.finished = new CountDownLatch(1);
            this.sawCancelled = false;
            this.interrupted = false;
            this.outgoingStatus = null;
        }

        @Override
        public String reserve(String sku) {
            RpcContext context = RpcContext.current();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (!context.isCancelled() && System.nanoTime() < end) {
                    if (this.release.await(10, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
            catch (InterruptedException ex) {
                this.interrupted = true;
            }
            this.sawCancelled = context.isCancelled();
            if (this.sawCancelled) {
                long start = System.nanoTime();
                try {
                    this.downstream.ping();
                }
                catch (RpcException ex) {
                    this.outgoingStatus = ex.getStatus();
                }
                this.outgoingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            this.reserved.incrementAndGet();
            this.finished.countDown();
            return "reserved " + sku;
        }

        @Override
        public int count() {
            return this.reserved.get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Downstream.class)
    static class ServerApp {

        @Bean
        ReservationsImpl reservations(Downstream downstream) {
            return new ReservationsImpl(downstream);
        }

    }

}
