package io.rpcboot.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.LeakCheck;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A server interceptor that does not proceed with a stream call, over the binary protocol
 * and HTTP: one that throws an {@code RpcException} rejects the call with its status; one
 * that returns (a replacement publisher, say) fails it with {@code INTERNAL} saying why,
 * as on the client. Either way the stream ends at once, the caller's stream argument is
 * cancelled, the connection serves on, and no buffer leaks.
 */
class ServerStreamingInterceptorTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String MODE = DoesNotProceedWhenAsked.MODE;

    @RegisterExtension
    @Order(1)
    static final RpcPair pair = RpcPair
        .server(AutoConfiguredApplication.class, StreamingApplications.TickerServer.class, ServerApp.class)
        .client("ticker", AutoConfiguredApplication.class, StreamingApplications.TickerClient.class);

    @RegisterExtension
    @Order(2)
    static final LeakCheck leaks = new LeakCheck();

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void resultStreamRejectedByAServerInterceptorFailsWithItsStatus() {
        try (RpcContext.Scope scope = RpcMetadata.attach(MODE, "reject")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.count(3).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.PERMISSION_DENIED))
                .withMessageContaining("rejected by the interceptor");
        }
        assertThat(this.ticker.count(2).collectList().block(WAIT)).containsExactly(0, 1);
    }

    @Test
    void resultStreamAnsweredByAServerInterceptorWithoutProceedingFails() {
        try (RpcContext.Scope scope = RpcMetadata.attach(MODE, "answer")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.count(3).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL))
                .withMessageContaining("a server interceptor returned without proceeding");
        }
        assertThat(this.ticker.count(2).collectList().block(WAIT)).containsExactly(0, 1);
    }

    @Test
    void parameterStreamRejectedByAServerInterceptorFailsAndTheCallersStreamIsCancelled() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<Integer> endless = Flux.<Integer>generate((sink) -> sink.next(1)).doOnCancel(cancelled::countDown);
        try (RpcContext.Scope scope = RpcMetadata.attach(MODE, "reject")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.sum(endless).block(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.PERMISSION_DENIED));
        }
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the caller's stream is cancelled").isTrue();
        assertThat(this.ticker.sum(Flux.just(1, 2)).block(WAIT)).isEqualTo(3L);
    }

    @Test
    void parameterStreamAnsweredByAServerInterceptorWithoutProceedingFailsAndTheCallersStreamIsCancelled()
            throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<Integer> endless = Flux.<Integer>generate((sink) -> sink.next(1)).doOnCancel(cancelled::countDown);
        try (RpcContext.Scope scope = RpcMetadata.attach(MODE, "answer")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.sum(endless).block(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL))
                .withMessageContaining("a server interceptor returned without proceeding");
        }
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the caller's stream is cancelled").isTrue();
        assertThat(this.ticker.sum(Flux.just(1, 2)).block(WAIT)).isEqualTo(3L);
    }

    @Test
    void bidirectionalStreamAnsweredByAServerInterceptorWithoutProceedingFails() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<String> endless = Flux.<String>generate((sink) -> sink.next("a")).doOnCancel(cancelled::countDown);
        try (RpcContext.Scope scope = RpcMetadata.attach(MODE, "answer")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.upper(endless).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL));
        }
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the caller's stream is cancelled").isTrue();
    }

    @Test
    void httpResultStreamRejectedOrAnsweredByAServerInterceptor() throws Exception {
        HttpResponse<String> rejected = post("count", "[3]", "reject");
        assertThat(rejected.statusCode()).isEqualTo(403);
        assertThat(rejected.body()).contains("\"status\":\"PERMISSION_DENIED\"");
        HttpResponse<String> answered = post("count", "[3]", "answer");
        assertThat(answered.statusCode()).isEqualTo(500);
        assertThat(answered.body()).contains("\"status\":\"INTERNAL\"")
            .contains("a server interceptor returned without proceeding");
        assertThat(post("count", "[2]", "proceed").body()).isEqualTo("0\n1\n");
    }

    @Test
    void httpParameterStreamRejectedOrAnsweredByAServerInterceptor() throws Exception {
        HttpResponse<String> rejected = post("sum", "[[1,2,3]]", "reject");
        assertThat(rejected.statusCode()).isEqualTo(403);
        assertThat(rejected.body()).contains("\"status\":\"PERMISSION_DENIED\"");
        HttpResponse<String> answered = post("sum", "[[1,2,3]]", "answer");
        assertThat(answered.statusCode()).isEqualTo(500);
        assertThat(answered.body()).contains("a server interceptor returned without proceeding");
        assertThat(post("sum", "[[1,2,3]]", "proceed").body()).isEqualTo("6");
    }

    private HttpResponse<String> post(String method, String body, String mode) throws Exception {
        HttpRequest request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + pair.port() + "/" + Ticker.class.getName() + "/" + method))
            .header("Content-Type", "application/json")
            .header(MODE, mode)
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        DoesNotProceedWhenAsked doesNotProceedWhenAsked() {
            return new DoesNotProceedWhenAsked();
        }

    }

}
