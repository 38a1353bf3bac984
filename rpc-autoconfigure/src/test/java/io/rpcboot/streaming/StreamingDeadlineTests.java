package io.rpcboot.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stream whose deadline passes while the implementation's method still runs: the caller
 * is answered {@code DEADLINE_EXCEEDED}, and the publisher the method returns afterwards
 * is cancelled, over the binary protocol and over HTTP.
 */
class StreamingDeadlineTests {

    private static final long WAIT_SECONDS = 5;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("slow-ticks", AutoConfiguredApplication.class, ClientApp.class);

    private final SlowTicks ticks = pair.clientBean(SlowTicks.class);

    private final SlowTicksService service = pair.serverBean(SlowTicksService.class);

    @Test
    void publisherReturnedAfterTheDeadlineIsCancelled() throws Exception {
        assertThatExceptionOfType(RpcException.class)
            .isThrownBy(() -> this.ticks.ticks("rpc").blockLast(Duration.ofSeconds(WAIT_SECONDS)))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
        assertThat(this.service.cancelled("rpc").await(WAIT_SECONDS, TimeUnit.SECONDS))
            .as("the publisher returned after the deadline is cancelled")
            .isTrue();
    }

    @Test
    void publisherReturnedAfterTheDeadlineOfAnHttpCallIsCancelled() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + pair.port() + "/" + SlowTicks.class.getName() + "/ticks"))
            .header("Content-Type", "application/json")
            .header("rpc-timeout", "100ms")
            .timeout(Duration.ofSeconds(WAIT_SECONDS))
            .POST(HttpRequest.BodyPublishers.ofString("[\"http\"]"))
            .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("DEADLINE_EXCEEDED");
        assertThat(this.service.cancelled("http").await(WAIT_SECONDS, TimeUnit.SECONDS))
            .as("the publisher returned after the deadline is cancelled")
            .isTrue();
    }

    /**
     * A stream whose method takes longer than its deadline to return the publisher.
     */
    @RpcClient(name = "slow-ticks")
    public interface SlowTicks {

        /**
         * Streams ticks, after a pause longer than the deadline.
         * @param key the name of the latch that notes the publisher's cancellation
         * @return ticks every 10 ms
         */
        @RpcMethod(timeout = "100ms")
        Flux<Long> ticks(String key);

    }

    @RpcService
    static class SlowTicksService implements SlowTicks {

        private final Map<String, CountDownLatch> cancellations = new ConcurrentHashMap<>();

        @Override
        public Flux<Long> ticks(String key) {
            try {
                // never counted down: a pause of 300 ms, past the deadline
                new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt(); // a cancel: return the publisher
                                                    // anyway
            }
            return Flux.interval(Duration.ofMillis(10)).doOnCancel(cancelled(key)::countDown);
        }

        CountDownLatch cancelled(String key) {
            return this.cancellations.computeIfAbsent(key, (name) -> new CountDownLatch(1));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        SlowTicksService slowTicksService() {
            return new SlowTicksService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = SlowTicks.class)
    static class ClientApp {

    }

}
