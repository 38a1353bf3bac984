package io.rpcboot.streaming;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcStatus;
import io.rpcboot.observation.RpcClientObservationContext;
import io.rpcboot.observation.RpcObservations;
import io.rpcboot.observation.RpcServerObservationContext;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream call is one observation on each side, stopped when the stream ends (completed,
 * failed or cancelled), with the number of messages sent and received.
 */
class StreamingObservationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RpcPair pair = RpcPair
        .server(AutoConfiguredApplication.class, StreamingApplications.TickerServer.class, ServerApp.class)
        .client("ticker", AutoConfiguredApplication.class, StreamingApplications.TickerClient.class, ClientApp.class);

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final Recorder recorder = pair.serverBean(Recorder.class);

    private final ClientRecorder clientRecorder = pair.clientBean(ClientRecorder.class);

    @Test
    void resultStreamIsOneObservationWithItsMessageCount() throws Exception {
        assertThat(this.ticker.count(1000).count().block(WAIT)).isEqualTo(1000);
        RpcServerObservationContext context = awaitStopped("count");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_SENT)).isEqualTo("1000");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)).isEqualTo("0");
    }

    @Test
    void clientStreamIsOneObservationWithItsMessageCount() throws Exception {
        assertThat(this.ticker.upper(Flux.just("a", "b", "c")).count().block(WAIT)).isEqualTo(3);
        RpcServerObservationContext context = awaitStopped("upper");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_SENT)).isEqualTo("3");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)).isEqualTo("3");
    }

    @Test
    void resultStreamIsOneClientObservationWithItsMessageCount() throws Exception {
        assertThat(this.ticker.count(700).count().block(WAIT)).isEqualTo(700);
        RpcClientObservationContext context = awaitClientStopped("count", 1);
        assertThat(context.getStatus()).isEqualTo(RpcStatus.OK);
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_SENT)).isEqualTo("0");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)).isEqualTo("700");
    }

    @Test
    void bidirectionalStreamIsOneClientObservationWithItsMessageCounts() throws Exception {
        assertThat(this.ticker.upper(Flux.just("a", "b", "c", "d")).count().block(WAIT)).isEqualTo(4);
        RpcClientObservationContext context = awaitClientStopped("upper", 1);
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_SENT)).isEqualTo("4");
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)).isEqualTo("4");
    }

    @Test
    void failedStreamStopsTheClientObservationWithItsStatus() throws Exception {
        assertThat(this.ticker.crashAfter(5).onErrorResume((ex) -> Flux.empty()).count().block(WAIT)).isEqualTo(5);
        RpcClientObservationContext context = awaitClientStopped("crashAfter", 1);
        assertThat(context.getStatus()).isEqualTo(RpcStatus.APPLICATION_ERROR);
        assertThat(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)).isEqualTo("5");
    }

    @Test
    void cancelledStreamStopsTheClientObservationAsCancelled() throws Exception {
        assertThat(this.ticker.endless("observed").take(10).count().block(WAIT)).isEqualTo(10);
        RpcClientObservationContext context = awaitClientStopped("endless", 1);
        assertThat(context.getStatus()).isEqualTo(RpcStatus.CANCELLED);
        assertThat(Long.parseLong(highCardinality(context, RpcObservations.RPC_MESSAGES_RECEIVED)))
            .isGreaterThanOrEqualTo(10);
        assertThat(this.clientRecorder.started.stream().filter((c) -> isMethod(c, "endless")).count())
            .as("observations started for one stream")
            .isEqualTo(1);
    }

    @BeforeEach
    void forgetEarlierClientObservations() {
        this.clientRecorder.started.clear();
    }

    /** Waits for the client observations of the method that started in this test. */
    private RpcClientObservationContext awaitClientStopped(String method, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<RpcClientObservationContext> stopped = this.clientRecorder.stopped.stream()
                .filter((context) -> isMethod(context, method) && this.clientRecorder.started.contains(context))
                .toList();
            if (stopped.size() >= count) {
                assertThat(stopped).as("client observations of " + method).hasSize(count);
                return stopped.get(0);
            }
            assertThat(System.nanoTime() - deadline).as("client observation of " + method + " stopped").isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

    private static boolean isMethod(RpcClientObservationContext context, String method) {
        return context.getCall().method().getName().equals(method);
    }

    private static String highCardinality(RpcClientObservationContext context, String key) {
        KeyValue value = context.getHighCardinalityKeyValue(key);
        assertThat(value).as(key).isNotNull();
        return value.getValue();
    }

    private RpcServerObservationContext awaitStopped(String method) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (RpcServerObservationContext context : this.recorder.stopped) {
                if (context.getCall().method().getName().equals(method)) {
                    return context;
                }
            }
            assertThat(System.nanoTime() - deadline).as("observation of " + method + " stopped").isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

    private static String highCardinality(RpcServerObservationContext context, String key) {
        KeyValue value = context.getHighCardinalityKeyValue(key);
        assertThat(value).as(key).isNotNull();
        return value.getValue();
    }

    /** Keeps the server observations that stopped. */
    static class Recorder implements ObservationHandler<RpcServerObservationContext> {

        final Queue<RpcServerObservationContext> stopped = new ConcurrentLinkedQueue<>();

        @Override
        public void onStop(RpcServerObservationContext context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof RpcServerObservationContext;
        }

    }

    /** Keeps the client observations that started and stopped. */
    static class ClientRecorder implements ObservationHandler<RpcClientObservationContext> {

        final Queue<RpcClientObservationContext> started = new ConcurrentLinkedQueue<>();

        final Queue<RpcClientObservationContext> stopped = new ConcurrentLinkedQueue<>();

        @Override
        public void onStart(RpcClientObservationContext context) {
            this.started.add(context);
        }

        @Override
        public void onStop(RpcClientObservationContext context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof RpcClientObservationContext;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClientApp {

        @Bean
        ClientRecorder clientRecorder() {
            return new ClientRecorder();
        }

    }

}
