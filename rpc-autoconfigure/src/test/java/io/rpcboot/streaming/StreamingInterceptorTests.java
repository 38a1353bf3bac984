package io.rpcboot.streaming;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A client interceptor that answers a stream call itself, without proceeding: the stream
 * fails with a status that says so instead of waiting for ever.
 */
class StreamingInterceptorTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair
        .server(AutoConfiguredApplication.class, StreamingApplications.TickerServer.class)
        .client("ticker", AutoConfiguredApplication.class, StreamingApplications.TickerClient.class, ClientApp.class);

    private final Ticker ticker = pair.clientBean(Ticker.class);

    @Test
    void resultStreamAnsweredByAnInterceptorWithoutProceedingFails() {
        assertThatExceptionOfType(RpcException.class)
            .isThrownBy(() -> this.ticker.count(3).blockLast(Duration.ofSeconds(5)))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL))
            .withMessageContaining("without proceeding");
    }

    @Test
    void parameterStreamAnsweredByAnInterceptorWithoutProceedingFails() {
        assertThatExceptionOfType(RpcException.class)
            .isThrownBy(() -> this.ticker.sum(Flux.just(1, 2)).block(Duration.ofSeconds(5)))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.INTERNAL))
            .withMessageContaining("without proceeding");
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientApp {

        @Bean
        RpcClientInterceptor answersWithoutProceeding() {
            return (call, next) -> "answered by the interceptor";
        }

    }

}
