package io.rpcboot.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.RpcAutoConfiguration;
import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.observation.RpcClientObservationContext;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries are visible: the counter {@code rpc.client.retries} by service and outcome, and
 * an event on the call's observation per failed attempt. Their properties are checked at
 * start-up.
 */
class RetryMetricsTests {

    @Test
    void failedAttemptsAreCountedByOutcomeAndAreEventsOfTheCallsObservation() {
        try (ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
                ConfigurableApplicationContext client = RpcApplications.client(server, "stock",
                        new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class },
                        "rpc.client.retry.max-attempts=2")) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Stock.class).level("sku"))
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            assertThat(server.getBean(StockImpl.class).calls).hasValue(2);
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
        runner().withUserConfiguration(ClientApp.class)
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

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        StockImpl stock() {
            return new StockImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Stock.class)
    static class ClientApp {

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

    }

}
