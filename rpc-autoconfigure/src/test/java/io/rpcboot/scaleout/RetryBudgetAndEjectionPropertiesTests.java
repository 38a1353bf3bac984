package io.rpcboot.scaleout;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.autoconfigure.RpcAutoConfiguration;
import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.scaleout.EndpointEjectionTests.DroppingServer;
import io.rpcboot.scaleout.WhereService.Where;
import io.rpcboot.support.FailingStock;
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
        try (FailingStock.Applications stock = FailingStock.start("rpc.client.retry.budget=0",
                "rpc.client.retry.min-retries-per-second=0")) {
            stock.callFailing(3);
            assertThat(stock.executions()).as("executions of 3 calls: none retried").isEqualTo(3);
        }
    }

    @Test
    void theMinimumRetriesAllowRetriesWhenTheRatioAllowsNone() {
        try (FailingStock.Applications stock = FailingStock.start("rpc.client.retry.budget=0",
                "rpc.client.retry.min-retries-per-second=1")) {
            stock.callFailing(1);
            assertThat(stock.executions()).as("executions of the call: retried twice").isEqualTo(3);
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

}
