package io.rpcboot.streaming;

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

import io.rpcboot.RpcCall;
import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stream call that a client interceptor answers without proceeding fails with INTERNAL
 * where that interceptor returns, so that the client interceptors around it and the
 * {@code rpc.client.requests} metric see the status the caller receives.
 */
class ClientStreamingInterceptorOutcomeTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String MODE = "intercept";

    private static final String CALL = "call";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("ticker", AutoConfiguredApplication.class, ClientApp.class);

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final OutcomeRecorder outcomes = pair.clientBean(OutcomeRecorder.class);

    @Test
    void resultStreamAnsweredByAnInnerInterceptorEndsAsInternalForTheOuterOnes() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "answer", CALL, "count-answer"))) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> this.ticker.count(3).blockLast(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL));
        }
        assertThat(awaitOutcome("count-answer")).isEqualTo(RpcStatus.INTERNAL);
        awaitTimed("count", RpcStatus.INTERNAL);
    }

    @Test
    void parameterStreamAnsweredByAnInnerInterceptorEndsAsInternalForTheOuterOnes() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "answer", CALL, "sum-answer"))) {
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> this.ticker.sum(Flux.just(1, 2, 3)).block(WAIT))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL));
        }
        assertThat(awaitOutcome("sum-answer")).isEqualTo(RpcStatus.INTERNAL);
        awaitTimed("sum", RpcStatus.INTERNAL);
    }

    @Test
    void streamThatTheInterceptorsProceedWithEndsOk() throws Exception {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of(MODE, "proceed", CALL, "count-proceed"))) {
            assertThat(this.ticker.count(2).collectList().block(WAIT)).containsExactly(0, 1);
        }
        assertThat(awaitOutcome("count-proceed")).isEqualTo(RpcStatus.OK);
    }

    private RpcStatus awaitOutcome(String call) throws InterruptedException {
        return this.outcomes.outcomes.await(call);
    }

    private void awaitTimed(String method, RpcStatus status) throws InterruptedException {
        InterceptorOutcomes.awaitTimed(pair.clientBean(MeterRegistry.class), "rpc.client.requests", method, status);
    }

    /**
     * Records the outcome of each call as an outer client interceptor sees it: what its
     * {@code proceed()} throws, or how the future it returns completes.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE + 200)
    static class OutcomeRecorder implements RpcClientInterceptor {

        final InterceptorOutcomes outcomes = new InterceptorOutcomes(CALL);

        @Override
        public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
            return this.outcomes.proceedAndRecord(call, next);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        TickerService tickerService() {
            return new TickerService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class ClientApp {

        @Bean
        OutcomeRecorder outcomeRecorder() {
            return new OutcomeRecorder();
        }

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        RpcClientInterceptor doesNotProceedWhenAsked() {
            return (call, next) -> "answer".equals(call.requestMetadata().get(MODE)) ? Flux.just(7, 8) : next.proceed();
        }

    }

}
