package io.rpcboot.streaming;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.observation.RpcObservations;
import io.rpcboot.observation.RpcServerObservationContext;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream call is one observation on the server, stopped when the stream ends, with the
 * number of messages sent and received.
 */
class StreamingObservationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("ticker", AutoConfiguredApplication.class, ClientApp.class);

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final Recorder recorder = pair.serverBean(Recorder.class);

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

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        TickerService tickerService() {
            return new TickerService();
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class ClientApp {

    }

}
