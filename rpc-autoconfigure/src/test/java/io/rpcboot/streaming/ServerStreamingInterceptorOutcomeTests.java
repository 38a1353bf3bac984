package io.rpcboot.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stream call that a server interceptor rejects or answers without proceeding ends, for
 * the interceptors around it and for the {@code rpc.server.requests} metric, with the
 * status its caller receives, over the binary protocol and HTTP.
 */
class ServerStreamingInterceptorOutcomeTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String MODE = DoesNotProceedWhenAsked.MODE;

    private static final String CALL = "call";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("ticker", AutoConfiguredApplication.class, ClientApp.class);

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final OutcomeRecorder outcomes = pair.serverBean(OutcomeRecorder.class);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void resultStreamRejectedByAnInnerInterceptorEndsWithItsStatusForTheOuterOnes() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "reject", CALL, "binary-reject"))) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.count(3).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.PERMISSION_DENIED));
        }
        assertThat(awaitOutcome("binary-reject")).isEqualTo(RpcStatus.PERMISSION_DENIED);
        awaitTimed("count", RpcStatus.PERMISSION_DENIED);
    }

    @Test
    void resultStreamAnsweredByAnInnerInterceptorEndsAsInternalForTheOuterOnes() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "answer", CALL, "binary-answer"))) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.count(3).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL));
        }
        assertThat(awaitOutcome("binary-answer")).isEqualTo(RpcStatus.INTERNAL);
        awaitTimed("count", RpcStatus.INTERNAL);
    }

    @Test
    void parameterStreamAnsweredByAnInnerInterceptorEndsAsInternalForTheOuterOnes() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "answer", CALL, "binary-sum-answer"))) {
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> this.ticker.sum(Flux.just(1, 2, 3)).block(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL));
        }
        assertThat(awaitOutcome("binary-sum-answer")).isEqualTo(RpcStatus.INTERNAL);
        awaitTimed("sum", RpcStatus.INTERNAL);
    }

    @Test
    void httpResultStreamRejectedOrAnsweredByAnInnerInterceptorEndsWithItsStatusForTheOuterOnes() throws Exception {
        assertThat(post("count", "[3]", "reject", "http-reject").statusCode()).isEqualTo(403);
        assertThat(awaitOutcome("http-reject")).isEqualTo(RpcStatus.PERMISSION_DENIED);
        assertThat(post("count", "[3]", "answer", "http-answer").statusCode()).isEqualTo(500);
        assertThat(awaitOutcome("http-answer")).isEqualTo(RpcStatus.INTERNAL);
        assertThat(post("count", "[2]", "proceed", "http-proceed").body()).isEqualTo("0\n1\n");
        assertThat(awaitOutcome("http-proceed")).isEqualTo(RpcStatus.OK);
    }

    @Test
    void httpParameterStreamAnsweredByAnInnerInterceptorEndsAsInternalForTheOuterOnes() throws Exception {
        assertThat(post("sum", "[[1,2,3]]", "answer", "http-sum-answer").statusCode()).isEqualTo(500);
        assertThat(awaitOutcome("http-sum-answer")).isEqualTo(RpcStatus.INTERNAL);
        awaitTimed("sum", RpcStatus.INTERNAL);
    }

    private HttpResponse<String> post(String method, String body, String mode, String call) throws Exception {
        HttpRequest request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + pair.port() + "/" + Ticker.class.getName() + "/" + method))
            .header("Content-Type", "application/json")
            .header(MODE, mode)
            .header(CALL, call)
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private RpcStatus awaitOutcome(String call) throws InterruptedException {
        return this.outcomes.outcomes.await(call);
    }

    private void awaitTimed(String method, RpcStatus status) throws InterruptedException {
        InterceptorOutcomes.awaitTimed(pair.serverBean(MeterRegistry.class), "rpc.server.requests", method, status);
    }

    /**
     * Records the outcome of each call as an outer interceptor sees it: what its
     * {@code proceed()} throws, or how the future it returns completes.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE + 200)
    static class OutcomeRecorder implements RpcServerInterceptor {

        final InterceptorOutcomes outcomes = new InterceptorOutcomes(CALL);

        @Override
        public @Nullable Object intercept(io.rpcboot.RpcCall call, Invocation next) throws Throwable {
            return this.outcomes.proceedAndRecord(call, next);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        TickerService tickerService() {
            return new TickerService();
        }

        @Bean
        OutcomeRecorder outcomeRecorder() {
            return new OutcomeRecorder();
        }

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        DoesNotProceedWhenAsked doesNotProceedWhenAsked() {
            return new DoesNotProceedWhenAsked();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class ClientApp {

    }

}
