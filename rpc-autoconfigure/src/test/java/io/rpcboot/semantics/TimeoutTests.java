package io.rpcboot.semantics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A call ends with {@code DEADLINE_EXCEEDED} when its timeout passes:
 * {@code rpc.client.timeout} (here 1s), else {@code rpc.client.services.<name>.timeout}
 * (500ms for {@code fastService}), else {@code @RpcMethod(timeout = ...)} (200ms). The
 * deadline travels with the request, so the server sees the timeout that applies; the
 * server's running call is interrupted when the caller gives up (its thread is
 * interrupted, so its client sends CANCEL), and the future of an asynchronous one is
 * cancelled at the deadline (ServerDeadlineTests shows the server's own deadline). The
 * slow method would take ten seconds. A second client, configured with nothing but the
 * endpoint, shows the default timeout of ten seconds. Every client is connected before
 * the tests, so that their short deadlines are not spent connecting.
 */
class TimeoutTests {

    private static final Duration SLOW_METHOD = Duration.ofSeconds(10);

    static ConfigurableApplicationContext server;

    static ConfigurableApplicationContext client;

    static ConfigurableApplicationContext defaultClient;

    static SlowImpl slowImpl;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        client = RpcApplications.client(server, "slow",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class }, "rpc.client.timeout=1s",
                "rpc.client.services.fastService.urls=rpc://127.0.0.1:" + RpcApplications.port(server),
                "rpc.client.services.fastService.timeout=500ms");
        defaultClient = RpcApplications.client(server, "slow",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class },
                "rpc.client.services.fastService.urls=rpc://127.0.0.1:" + RpcApplications.port(server));
        slowImpl = server.getBean(SlowImpl.class);
        connect(client.getBean(Slow.class)::remainingMillis);
        connect(client.getBean(FastService.class)::remainingMillis);
        connect(defaultClient.getBean(Slow.class)::remainingMillis);
    }

    private static void connect(Callable<Long> call) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(call, (remaining) -> remaining > 0);
    }

    @AfterAll
    static void stop() {
        defaultClient.close();
        client.close();
        server.close();
    }

    @Test
    void clientTimeoutEndsTheCall() {
        Slow slow = client.getBean(Slow.class);
        assertDeadlineExceededAfter(Duration.ofSeconds(1), () -> slow.block("client timeout"));
    }

    @Test
    void defaultTimeoutIsTenSeconds() {
        assertThat(defaultClient.getBean(Slow.class).remainingMillis()).isBetween(9000L, 10_000L);
    }

    @Test
    void asynchronousCallEndsWithDeadlineExceededAndCancelsTheServersFuture() {
        FastService fast = client.getBean(FastService.class);
        long start = System.nanoTime();
        CompletableFuture<String> result = fast.never("async");
        assertThat(result).failsWithin(SLOW_METHOD.dividedBy(2))
            .withThrowableThat()
            .havingCause()
            .isInstanceOfSatisfying(RpcException.class,
                    (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(180));
        await().atMost(Duration.ofSeconds(5)).until(() -> slowImpl.pending.get("async").isCancelled());
    }

    @Test
    void clientTimeoutTravelsWithTheRequest() {
        assertThat(client.getBean(Slow.class).remainingMillis()).isBetween(500L, 1000L);
    }

    @Test
    void serviceTimeoutEndsTheCall() {
        FastService fast = client.getBean(FastService.class);
        assertDeadlineExceededAfter(Duration.ofMillis(500), () -> fast.block("service timeout"));
    }

    @Test
    void serviceTimeoutTravelsWithTheRequest() {
        assertThat(client.getBean(FastService.class).remainingMillis()).isBetween(250L, 500L);
    }

    @Test
    void methodTimeoutEndsTheCall() {
        FastService fast = client.getBean(FastService.class);
        assertDeadlineExceededAfter(Duration.ofMillis(200), () -> fast.blockBriefly("method timeout"));
    }

    @Test
    void methodTimeoutTravelsWithTheRequest() {
        assertThat(client.getBean(FastService.class).remainingMillisBriefly()).isBetween(100L, 200L);
    }

    @Test
    void serverCallIsInterruptedWhenTheCallerGivesUp() throws InterruptedException {
        Slow slow = client.getBean(Slow.class);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                slow.block("interrupt me");
            }
            catch (Throwable ex) {
                failure.set(ex);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> slowImpl.started.contains("interrupt me"));
        caller.interrupt(); // the caller gives up: its client sends CANCEL
        caller.join(Duration.ofSeconds(5).toMillis());
        assertThat(failure.get()).isInstanceOfSatisfying(RpcException.class,
                (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.CANCELLED));
        await().atMost(Duration.ofSeconds(5)).until(() -> slowImpl.interrupted.contains("interrupt me"));
    }

    @Test
    void clientKeepsWorkingAfterADeadlinePassed() {
        FastService fast = client.getBean(FastService.class);
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> fast.blockBriefly("give up"))
            .returns(RpcStatus.DEADLINE_EXCEEDED, RpcException::getStatus);
        assertThat(fast.remainingMillis()).isPositive();
    }

    private static void assertDeadlineExceededAfter(Duration timeout, ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatExceptionOfType(RpcException.class).isThrownBy(call)
            .returns(RpcStatus.DEADLINE_EXCEEDED, RpcException::getStatus);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).as("time until DEADLINE_EXCEEDED")
            .isGreaterThanOrEqualTo(timeout.multipliedBy(9).dividedBy(10))
            .isLessThan(SLOW_METHOD.dividedBy(2));
    }

    @RpcClient(name = "slow")
    public interface Slow {

        String block(String tag);

        long remainingMillis();

    }

    @RpcClient(name = "fastService")
    public interface FastService {

        String block(String tag);

        long remainingMillis();

        @RpcMethod(timeout = "200ms")
        String blockBriefly(String tag);

        @RpcMethod(timeout = "200ms")
        long remainingMillisBriefly();

        @RpcMethod(timeout = "200ms")
        CompletableFuture<String> never(String tag);

    }

    @RpcService
    static class SlowImpl implements Slow, FastService {

        final Set<String> interrupted = ConcurrentHashMap.newKeySet();

        final Set<String> started = ConcurrentHashMap.newKeySet();

        final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<String> never(String tag) {
            return this.pending.computeIfAbsent(tag, (key) -> new CompletableFuture<>());
        }

        @Override
        public String block(String tag) {
            this.started.add(tag);
            try {
                new CountDownLatch(1).await(SLOW_METHOD.toMillis(), TimeUnit.MILLISECONDS);
                return tag;
            }
            catch (InterruptedException ex) {
                this.interrupted.add(tag);
                return "interrupted";
            }
        }

        @Override
        public String blockBriefly(String tag) {
            return block(tag);
        }

        @Override
        public long remainingMillis() {
            return RpcContext.current().remainingTime().toMillis();
        }

        @Override
        public long remainingMillisBriefly() {
            return remainingMillis();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        SlowImpl slow() {
            return new SlowImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Slow.class, FastService.class })
    static class ClientApp {

    }

}
