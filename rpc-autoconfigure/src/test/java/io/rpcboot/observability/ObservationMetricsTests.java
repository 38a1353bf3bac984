package io.rpcboot.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every call is an observation that Spring Boot's metrics turn into the timers
 * {@code rpc.server.requests} and {@code rpc.client.requests}, with the key values that
 * ../shared/DESIGN.md (Public contract, "Metrics and tracing") fixes.
 */
class ObservationMetricsTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("greeter", AutoConfiguredApplication.class, ClientApp.class);

    private final ConfigurableApplicationContext server = pair.server();

    private final ConfigurableApplicationContext client = pair.client();

    private final Greeter greeter = pair.clientBean(Greeter.class);

    @Test
    void successfulCallIsTimedOnBothSidesWithItsKeyValues() {
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
        assertThat(timer(server, "rpc.server.requests", "greet", "OK").count()).isEqualTo(1);
        assertThat(timer(client, "rpc.client.requests", "greet", "OK").count()).isEqualTo(1);
    }

    @Test
    void failedCallIsTimedWithItsStatusAndError() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> greeter.fail("boom"));
        Timer serverTimer = timer(server, "rpc.server.requests", "fail", "APPLICATION_ERROR");
        assertThat(serverTimer.count()).isEqualTo(1);
        assertThat(serverTimer.getId().getTag("error")).isEqualTo("IllegalStateException");
        Timer clientTimer = timer(client, "rpc.client.requests", "fail", "APPLICATION_ERROR");
        assertThat(clientTimer.count()).isEqualTo(1);
        assertThat(clientTimer.getId().getTag("error")).isEqualTo("RpcException");
    }

    @Test
    void rejectedStatusIsTheKeyValue() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> greeter.deny())
            .returns(RpcStatus.PERMISSION_DENIED, RpcException::getStatus);
        assertThat(timer(server, "rpc.server.requests", "deny", "PERMISSION_DENIED").count()).isEqualTo(1);
        assertThat(timer(client, "rpc.client.requests", "deny", "PERMISSION_DENIED").count()).isEqualTo(1);
    }

    @Test
    void httpCallIsObservedLikeABinaryCall() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + pair.port() + "/" + Greeter.class.getName() + "/greet"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[\"Http\"]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("\"Hello, Http\"");
        assertThat(timer(server, "rpc.server.requests", "greet", "OK").count()).isGreaterThanOrEqualTo(1);
        long before = timer(server, "rpc.server.requests", "greet", "OK").count();
        http.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + pair.port() + "/" + Greeter.class.getName() + "/greet"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[\"again\"]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(timer(server, "rpc.server.requests", "greet", "OK").count()).isEqualTo(before + 1);
    }

    private static Timer timer(ConfigurableApplicationContext context, String name, String method, String status) {
        return context.getBean(MeterRegistry.class)
            .get(name)
            .tag("rpc.system", "rpcboot")
            .tag("rpc.service", Greeter.class.getName())
            .tag("rpc.method", method)
            .tag("rpc.status", status)
            .timer();
    }

    @RpcClient(name = "greeter")
    public interface Greeter {

        String greet(String name);

        String fail(String message);

        void deny();

    }

    static class GreeterService implements Greeter {

        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }

        @Override
        public String fail(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public void deny() {
            throw new RpcException(RpcStatus.PERMISSION_DENIED, "not you");
        }

    }

    @RpcService
    static class ExportedGreeter extends GreeterService {

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        ExportedGreeter greeter() {
            return new ExportedGreeter();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Greeter.class)
    static class ClientApp {

    }

}
