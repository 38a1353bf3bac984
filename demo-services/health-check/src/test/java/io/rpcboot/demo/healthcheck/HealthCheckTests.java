package io.rpcboot.demo.healthcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health check against a small HTTP server that plays Actuator.
 */
class HealthCheckTests {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

    private HttpServer server;

    private volatile int status = 200;

    private volatile String body = "{\"status\":\"UP\"}";

    @BeforeEach
    void startServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext(HealthCheck.READINESS_PATH, (exchange) -> {
            byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(this.status, bytes.length);
            try (OutputStream responseBody = exchange.getResponseBody()) {
                responseBody.write(bytes);
            }
        });
        this.server.start();
    }

    @AfterEach
    void stopServer() {
        this.server.stop(0);
    }

    @Test
    void readyWhenActuatorAnswers200() {
        assertThat(HealthCheck.check(readinessUri(), Duration.ofSeconds(2), this.out)).isTrue();
        assertThat(printed()).isEqualTo(readinessUri() + " answered 200 {\"status\":\"UP\"}");
    }

    @Test
    void notReadyWhenActuatorAnswers503() {
        this.status = 503;
        this.body = "{\"status\":\"OUT_OF_SERVICE\"}";
        assertThat(HealthCheck.check(readinessUri(), Duration.ofSeconds(2), this.out)).isFalse();
        assertThat(printed()).endsWith("answered 503 {\"status\":\"OUT_OF_SERVICE\"}");
    }

    @Test
    void notReadyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + HealthCheck.READINESS_PATH);
        assertThat(HealthCheck.check(uri, Duration.ofSeconds(2), this.out)).isFalse();
        assertThat(printed()).startsWith(uri + " did not answer: java.net.ConnectException");
    }

    @Test
    void printsOnlyTheStartOfALongBody() {
        this.body = "x".repeat(1000);
        HealthCheck.check(readinessUri(), Duration.ofSeconds(2), this.out);
        assertThat(printed()).endsWith(" answered 200 " + "x".repeat(300) + "...");
    }

    @Test
    void defaultUrlUsesTheManagementPortElseTheServerPortElse8080() {
        assertThat(HealthCheck.defaultUri(Map.of())).hasToString("http://127.0.0.1:8080/actuator/health/readiness");
        assertThat(HealthCheck.defaultUri(Map.of("SERVER_PORT", "8081")))
            .hasToString("http://127.0.0.1:8081/actuator/health/readiness");
        assertThat(HealthCheck.defaultUri(Map.of("SERVER_PORT", "8081", "MANAGEMENT_SERVER_PORT", "9000")))
            .hasToString("http://127.0.0.1:9000/actuator/health/readiness");
    }

    private URI readinessUri() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + HealthCheck.READINESS_PATH);
    }

    private String printed() {
        return this.printed.toString(StandardCharsets.UTF_8).strip();
    }

}
