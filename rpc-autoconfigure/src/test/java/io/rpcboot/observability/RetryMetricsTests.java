package io.rpcboot.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.autoconfigure.RpcAutoConfiguration;
import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.observation.RpcClientObservationContext;
import io.rpcboot.support.FailingStock;
import io.rpcboot.support.FailingStock.Stock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries are visible: the counter {@code rpc.client.retries} by service and outcome, and
 * an event on the call's observation per failed attempt. Their properties are checked at
 * start-up.
 */
class RetryMetricsTests {

    @Test
    void failedAttemptsAreCountedByOutcomeAndAreEventsOfTheCallsObservation() {
        try (FailingStock.Applications stock = FailingStock.start(new Class<?>[] { RecordingApp.class },
                "rpc.client.retry.max-attempts=2")) {
            stock.callFailing(1);
            assertThat(stock.executions()).isEqualTo(2);
            ConfigurableApplicationContext client = stock.client();
            MeterRegistry meters = client.getBean(MeterRegistry.class);
            assertThat(retries(meters, "retried")).isEqualTo(1);
            assertThat(retries(meters, "attempts_exhausted")).isEqualTo(1);
            assertThat(client.getBean(RecordingHandler.class).events).containsExactly(
                    "attempt 1 failed with UNAVAILABLE: retried",
                    "attempt 2 failed with UNAVAILABLE: attempts_exhausted");
        }
    }

    @Test
    void budgetOutsideZeroToOneFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("rpc.client.retry.budget=20")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.retry.budget: 20.0"));
    }

    @Test
    void maxAttemptsBelowOneFailsStartUpNamingTheProperty() {
        runner().withPropertyValues("rpc.client.retry.max-attempts=0")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.retry.max-attempts: 0"));
    }

    @Test
    void serviceMaxAttemptsBelowOneFailsStartUpNamingTheProperty() {
        runner().withUserConfiguration(FailingStock.ClientApp.class)
            .withPropertyValues("rpc.client.services.stock.urls=rpc://127.0.0.1:1",
                    "rpc.client.services.stock.retry.max-attempts=0")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Invalid rpc.client.services.stock.retry.max-attempts: 0"));
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                    RpcClientAutoConfiguration.class))
            .withPropertyValues("rpc.server.enabled=false");
    }

    private static double retries(MeterRegistry meters, String outcome) {
        return meters.get("rpc.client.retries")
            .tag("rpc.service", Stock.class.getName())
            .tag("outcome", outcome)
            .counter()
            .count();
    }

    /** Records the events of client call observations. */
    static class RecordingHandler implements ObservationHandler<Observation.Context> {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Observation.Event event, Observation.Context context) {
            this.events.add(event.getContextualName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof RpcClientObservationContext;
        }

    }

    /** The client application's {@link RecordingHandler}. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingApp {

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

    }

}
