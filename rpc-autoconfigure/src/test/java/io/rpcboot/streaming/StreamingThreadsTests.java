package io.rpcboot.streaming;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads stream elements reach subscribers on: a blocking method's subscriber runs
 * on the call executor, so that a subscriber that blocks (a database insert per element)
 * holds up its own stream only, not the other calls of the connection; on the client,
 * elements reach the subscriber on the callback executor, as the results of
 * {@code CompletableFuture} and {@code Mono} methods do.
 */
class StreamingThreadsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Long enough for a call that cannot be read to be noticed. */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("lines", AutoConfiguredApplication.class, ClientApp.class);

    private final Lines lines = pair.clientBean(Lines.class);

    private final LinesService service = pair.serverBean(LinesService.class);

    @Test
    void blockingSubscriberOfAStreamParameterDoesNotHoldUpTheConnection() throws Exception {
        this.service.elementThreads.clear();
        CompletableFuture<Long> counted = this.lines.count(Flux.range(0, 1_000).map((i) -> "line " + i)).toFuture();
        try {
            assertThat(this.service.firstLine.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // the implementation's subscriber holds the first line: a call on the same
            // connection is still read and answered
            CompletableFuture<String> echo = CompletableFuture.supplyAsync(() -> this.lines.echo("still served"));
            assertThat(echo.get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo("still served");
        }
        finally {
            this.service.release.countDown();
        }
        assertThat(counted.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1_000L);
        assertThat(this.service.elementThreads).hasSize(1_000)
            .allSatisfy((thread) -> assertThat(thread).startsWith("rpc-server-call"));
    }

    @Test
    void nonBlockingMethodReceivesItsStreamOnTheEventLoop() {
        this.service.elementThreads.clear();
        assertThat(this.lines.countOnEventLoop(Flux.just("a", "b", "c")).block(WAIT)).isEqualTo(3L);
        assertThat(this.service.elementThreads).hasSize(3)
            .allSatisfy((thread) -> assertThat(thread).startsWith("rpc-server-io"));
    }

    @Test
    void blockingSubscriberOfAResultStreamDoesNotHoldUpTheConnection() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> counted = this.lines.lines(1_000).doOnNext((line) -> {
            threads.add(Thread.currentThread().getName());
            if (first.getCount() > 0) {
                first.countDown();
                await(release);
            }
        }).count().toFuture();
        try {
            assertThat(first.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> echo = CompletableFuture.supplyAsync(() -> this.lines.echo("still answered"));
            assertThat(echo.get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo("still answered");
        }
        finally {
            release.countDown();
        }
        assertThat(counted.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1_000L);
        assertThat(threads).hasSize(1_000).allSatisfy((thread) -> assertThat(thread).startsWith("rpc-client-callback"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        LinesService linesService() {
            return new LinesService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Lines.class)
    static class ClientApp {

    }

}
