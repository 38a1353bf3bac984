package io.rpcboot.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.streaming.Ticker;
import io.rpcboot.streaming.TickerService;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams work over the in-process transport as over TCP: a result stream arrives whole,
 * and cancelling it cancels the implementation's publisher.
 */
class InProcessStreamingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext server;

    private static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        server = new SpringApplicationBuilder(AutoConfiguredApplication.class, TickerServer.class)
            .web(WebApplicationType.NONE)
            .properties("rpc.server.port=-1", "rpc.server.in-process.name=http-streaming-feed")
            .run();
        client = new SpringApplicationBuilder(AutoConfiguredApplication.class, TickerClient.class)
            .web(WebApplicationType.NONE)
            .properties("rpc.client.services.ticker.urls=in-process:http-streaming-feed")
            .run();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void resultStreamArrivesAndItsCancelReachesThePublisher() throws Exception {
        Ticker ticker = client.getBean(Ticker.class);
        StepVerifier.create(ticker.count(1000)).expectNextCount(1000).verifyComplete();
        StepVerifier.create(ticker.endless("in-process").take(5)).expectNext(0, 1, 2, 3, 4).verifyComplete();
        assertThat(server.getBean(CountingTicker.class).cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class TickerServer {

        @Bean
        CountingTicker tickerService() {
            return new CountingTicker();
        }

    }

    /** Notes the cancellation of its endless stream. */
    @RpcService
    static class CountingTicker extends TickerService {

        final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public Flux<Integer> endless(String key) {
            return super.endless(key).doOnCancel(this.cancelled::countDown);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class TickerClient {

    }

}
