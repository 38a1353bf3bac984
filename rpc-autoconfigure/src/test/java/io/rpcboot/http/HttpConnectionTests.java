package io.rpcboot.http;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens on HTTP connections: keep-alive, pipelining, request bodies over the
 * limit, {@code 100-continue}, malformed requests, bytes that are not HTTP, and a full
 * call queue. The server reads bodies of at most 1 KB and runs one call at a time with
 * one waiting.
 */
class HttpConnectionTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class)
        .serverProperties("rpc.server.max-message-size=1KB", "rpc.server.max-threads=1",
                "rpc.server.max-queued-calls=1");

    private final ShopService shop = pair.serverBean(ShopService.class);

    private final int port = pair.port();

    @AfterEach
    void unblock() {
        shop.unblock();
        shop.reset();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response greeting = connection.write(RawHttp.post(SHOP + "/greet", "[\"Ada\"]")).read();
            assertThat(greeting.status()).isEqualTo(200);
            assertThat(greeting.body()).isEqualTo("\"Hello, Ada\"");
            assertThat(greeting.headers()).doesNotContainKey("connection");
            assertThat(connection.write(RawHttp.post(SHOP + "/touch", "[\"x\"]")).read().status()).isEqualTo(204);
            assertThat(connection.write(RawHttp.post(SHOP + "/nope", "[]")).read().status()).isEqualTo(404);
            assertThat(connection.write(RawHttp.get("/")).read().status()).isEqualTo(200);
            assertThat(connection.write(RawHttp.post(SHOP + "/greet", "[\"Bob\"]")).read().body())
                .isEqualTo("\"Hello, Bob\"");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write(RawHttp.post(SHOP + "/block", "[]") + RawHttp.post(SHOP + "/greet", "[\"Ada\"]")
                    + RawHttp.post(SHOP + "/touch", "[\"x\"]") + RawHttp.post(SHOP + "/nope", "[]") + RawHttp.get("/")
                    + RawHttp.post(SHOP + "/later", "[\"Bob\"]"));
            assertThat(shop.awaitBlockStarted()).isTrue();
            shop.unblock();
            List<RawHttp.Response> responses = List.of(connection.read(), connection.read(), connection.read(),
                    connection.read(), connection.read(), connection.read());
            assertThat(responses).extracting(RawHttp.Response::status).containsExactly(200, 200, 204, 404, 200, 200);
            assertThat(responses.get(0).body()).isEqualTo("\"unblocked\"");
            assertThat(responses.get(1).body()).isEqualTo("\"Hello, Ada\"");
            assertThat(responses.get(4).body()).startsWith("{");
            assertThat(responses.get(5).body()).isEqualTo("\"Later, Bob\"");
        }
    }

    @Test
    void bytesThatAreNotHttpCloseOnlyTheirConnection() throws IOException {
        try (RawHttp http = new RawHttp(port); RawHttp garbage = new RawHttp(port)) {
            assertThat(http.write(RawHttp.post(SHOP + "/greet", "[\"Ada\"]")).read().status()).isEqualTo(200);
            garbage.write("HELLO WORLD\r\n\r\n");
            assertThat(garbage.isClosedByServer()).isTrue();
            assertThat(http.write(RawHttp.post(SHOP + "/greet", "[\"Bob\"]")).read().body())
                .isEqualTo("\"Hello, Bob\"");
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeItIsSent() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n");
            RawHttp.Response refused = connection.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).isEqualTo("{\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"the request body of"
                    + " 5000 bytes is over the server's limit of 1024 bytes\"}");
            connection.write("[\"" + "x".repeat(4996) + "\"]");
            assertThat(connection.write(RawHttp.post(SHOP + "/greet", "[\"Ada\"]")).read().body())
                .isEqualTo("\"Hello, Ada\"");
        }
    }

    @Test
    void bodyOverTheLimitFromTheJdkClientIsRefused() {
        HttpResponse<String> response = new HttpCalls(port).post(SHOP + "/echo", "[\"" + "x".repeat(2000) + "\"]");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"status\":\"RESOURCE_EXHAUSTED\"");
        assertThat(new HttpCalls(port).post(SHOP + "/echo", "[\"" + "x".repeat(1000) + "\"]").statusCode())
            .isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitExpectingContinueIsRefusedAndTheConnectionClosed() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response refused = connection.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers()).containsEntry("connection", "close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void bodyWithinTheLimitExpectingContinueIsRead() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write("POST " + SHOP + "/greet HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 7\r\nExpect: 100-continue\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            RawHttp.Response response = connection.write("[\"Ada\"]").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("\"Hello, Ada\"");
        }
    }

    @Test
    void jdkClientExpectingContinueIsServed() throws Exception {
        HttpCalls http = new HttpCalls(port);
        HttpResponse<String> response = http.client()
            .send(HttpRequest.newBuilder(http.uri(SHOP + "/greet"))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"Ada\"]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("\"Hello, Ada\"");
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIsRefused() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + "258\r\n" + "x".repeat(600) + "\r\n" + "258\r\n"
                    + "x".repeat(600) + "\r\n");
            RawHttp.Response refused = connection.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).isEqualTo("{\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"the request body"
                    + " is over the server's limit of 1024 bytes\"}");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void chunkedBodyWithinTheLimitIsRead() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            connection.write("POST " + SHOP + "/greet HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\n[\"A\r\n4\r\nda\"]\r\n0\r\n\r\n");
            assertThat(connection.read().body()).isEqualTo("\"Hello, Ada\"");
        }
    }

    @Test
    void malformedRequestsAreRefusedAndTheirConnectionClosed() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response response = connection
                .write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(10_000) + "\r\n\r\n")
                .read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.body()).contains("\"status\":\"RESOURCE_EXHAUSTED\"");
            assertThat(connection.isClosedByServer()).isTrue();
        }
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response response = connection.write("GET /" + "x".repeat(5000) + " HTTP/1.1\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(connection.isClosedByServer()).isTrue();
        }
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response response = connection
                .write("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n")
                .read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("\"status\":\"INVALID_ARGUMENT\"", "malformed HTTP request");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response response = connection
                .write("POST " + SHOP + "/greet HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n[\"Ada\"]")
                .read();
            assertThat(response.body()).isEqualTo("\"Hello, Ada\"");
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
        try (RawHttp connection = new RawHttp(port)) {
            RawHttp.Response response = connection.write("GET / HTTP/1.0\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void fullCallQueueAnswersTooManyRequests() throws Exception {
        HttpCalls http = new HttpCalls(port);
        CompletableFuture<HttpResponse<String>> running = send(http, "/block");
        assertThat(shop.awaitBlockStarted()).isTrue();
        // one thread, busy, and room for one waiting call: of three more calls, at least
        // two are refused
        List<CompletableFuture<HttpResponse<String>>> more = List.of(send(http, "/block"), send(http, "/greet"),
                send(http, "/greet"));
        await().atMost(Duration.ofSeconds(10))
            .until(() -> more.stream().filter(CompletableFuture::isDone).count() >= 2);
        List<HttpResponse<String>> refused = more.stream()
            .filter(CompletableFuture::isDone)
            .map(CompletableFuture::join)
            .toList();
        assertThat(refused).allSatisfy((response) -> {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).isEqualTo(
                    "{\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"the server is too busy to take the call\"}");
        });
        shop.unblock();
        assertThat(running.get(10, TimeUnit.SECONDS).body()).isEqualTo("\"unblocked\"");
        for (CompletableFuture<HttpResponse<String>> call : more) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isIn(200, 429);
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpCalls http, String method) {
        String body = method.equals("/greet") ? "[\"Ada\"]" : "[]";
        return http.client()
            .sendAsync(HttpRequest.newBuilder(http.uri(SHOP + method))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
