package io.rpcboot.scaleout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.RpcAutoConfiguration;
import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.scaleout.EndpointEjectionTests.DroppingServer;
import io.rpcboot.scaleout.WhereService.Where;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code rpc.client.retry.min-retries-per-second} and {@code rpc.client.ejection.*}:
 * bound to the retry budget of each service and to the backoff of ejected endpoints, and
 * checked at start-up.
 */
class RetryBudgetAndEjectionPropertiesTests {

    @Test
    void withoutMinimumRetriesAnEmptyBudgetAllowsNoRetry() {
        try (ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, StockServerApp.class });
                ConfigurableApplicationContext client = RpcApplications.client(server, "stock",
                        new Class<?>[] { AutoConfiguredApplication.class, StockClientApp.class },
                        "rpc.client.retry.budget=0", "rpc.client.retry.min-retries-per-second=0")) {
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Stock.class).level("sku"))
                    .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            }
            assertThat(server.getBean(StockImpl.class).calls).as("executions of 3 calls: none retried").hasValue(3);
        }
    }

    @Test
    void theMinimumRetriesAllowRetriesWhenTheRatioAllowsNone() {
        try (ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, StockServerApp.class });
                ConfigurableApplicationContext client = RpcApplications.client(server, "stock",
                        new Class<?>[] { AutoConfiguredApplication.class, StockClientApp.class },
                        "rpc.client.retry.budget=0", "rpc.client.retry.min-retries-per-second=1")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Stock.class).level("sku"))
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            assertThat(server.getBean(StockImpl.class).calls).as("executions of the call: retried twice").hasValue(3);
        }
    }

    @Test
    void anEjectedEndpointIsLeftAloneForTheConfiguredBackoff() throws Exception {
        try (DroppingServer dropping = new DroppingServer();
                ConfigurableApplicationContext client = whereClient("rpc://127.0.0.1:" + dropping.port(),
                        "rpc.client.ejection.initial-backoff=1m", "rpc.client.ejection.max-backoff=10m")) {
            Where where = client.getBean(Where.class);
            assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            EndpointState state = client.getBean(RpcClientFactory.class)
                .services()
                .iterator()
                .next()
                .endpointStates()
                .get(0);
            assertThat(state.status()).isEqualTo(EndpointState.Status.EJECTED);
            assertThat(state.nextAttemptIn()).as("1 minute ±20%")
                .isBetween(Duration.ofSeconds(47), Duration.ofSeconds(72));
            for (int i = 0; i < 5; i++) {
                assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                    .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            }
            assertThat(dropping.accepted()).as("connections to the ejected endpoint").isOne();
        }
    }

    @Test
    void negativeMinimumRetriesFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("rpc.client.retry.min-retries-per-second=-1")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.retry.min-retries-per-second: -1"));
    }

    @Test
    void zeroInitialBackoffFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("rpc.client.ejection.initial-backoff=0s")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.ejection.initial-backoff: PT0S"));
    }

    @Test
    void maxBackoffBelowTheInitialFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("rpc.client.ejection.initial-backoff=5s", "rpc.client.ejection.max-backoff=2s")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.ejection.max-backoff: PT2S")
                .hasStackTraceContaining("rpc.client.ejection.initial-backoff (PT5S)"));
    }

    private static ConfigurableApplicationContext whereClient(String url, String... properties) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, WhereService.ClientApp.class)
            .web(WebApplicationType.NONE)
            .properties("rpc.client.services.where.urls=" + url, "rpc.server.enabled=false",
                    "spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                    RpcClientAutoConfiguration.class))
            .withPropertyValues("rpc.server.enabled=false");
    }

    @RpcClient(name = "stock")
    public interface Stock {

        @RpcMethod(idempotent = true)
        int level(String sku);

    }

    @RpcService
    static class StockImpl implements Stock {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int level(String sku) {
            this.calls.incrementAndGet();
            throw new RpcException(RpcStatus.UNAVAILABLE, "the warehouse is down");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class StockServerApp {

        @Bean
        StockImpl stock() {
            return new StockImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Stock.class)
    static class StockClientApp {

    }

}
