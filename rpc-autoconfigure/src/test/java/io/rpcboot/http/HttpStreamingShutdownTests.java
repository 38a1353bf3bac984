package io.rpcboot.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that shuts down lets an open HTTP stream run on within its grace period; a
 * stream still open then ends with a last NDJSON line saying {@code UNAVAILABLE}, and the
 * implementation's publisher is cancelled.
 */
class HttpStreamingShutdownTests {

    private static final String FEED = "/io.rpcboot.http.Feed";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConfigurableApplicationContext server;

    private CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);

    @AfterEach
    void stop() throws Exception {
        this.closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        this.server.close();
    }

    @Test
    void openStreamFinishesWithinTheGracePeriod() throws Exception {
        start("20s");
        FeedService service = this.server.getBean(FeedService.class);
        int port = RpcApplications.port(this.server);
        Iterator<String> lines = postForLines(port, "/gated", "[\"first\",\"second\"]").iterator();
        assertThat(lines.next()).isEqualTo("\"first\"");
        this.closing = CompletableFuture.runAsync(this.server::close);
        awaitRefused(port);
        service.gate.countDown();
        assertThat(lines.next()).isEqualTo("\"second\"");
        assertThat(lines.hasNext()).isFalse();
        this.closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void streamStillOpenAfterTheGracePeriodEndsWithUnavailable() throws Exception {
        start("300ms");
        FeedService service = this.server.getBean(FeedService.class);
        String received;
        try (Socket socket = new Socket("127.0.0.1", RpcApplications.port(this.server))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] body = "[\"shutdown\",8]".getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream()
                .write(("POST " + FEED + "/endless HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the stream began").isEqualTo('H');
            this.closing = CompletableFuture.runAsync(this.server::close);
            received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String lastLine = received.substring(received.lastIndexOf("{\"status\""));
        assertThat(received).as("no end of the chunked body").doesNotEndWith("0\r\n\r\n");
        JsonNode error = JsonMapper.builder().build().readTree(lastLine.substring(0, lastLine.indexOf('\n')));
        assertThat(error.get("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(error.get("message").asString()).contains("shutting down");
        assertThat(service.cancelled("shutdown").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private void start(String gracePeriod) {
        this.server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, FeedApplication.class },
                "spring.lifecycle.timeout-per-shutdown-phase=" + gracePeriod);
    }

    private static Stream<String> postForLines(int port, String method, String json) throws Exception {
        HttpCalls http = new HttpCalls(port);
        HttpRequest request = HttpRequest.newBuilder(http.uri(FEED + method))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<Stream<String>> response = http.client().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Waits until the server takes no more connections: its shutdown has begun. */
    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertThat(System.nanoTime() - deadline).as("shutdown began within " + WAIT).isNegative();
                TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
            }
            catch (ConnectException ex) {
                return;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

}
