package io.rpcboot.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.support.LeakCheck;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming methods over HTTP/1.1 with a real HTTP client: a result stream arrives as
 * NDJSON, element by element as produced, or as server-sent events; a stream parameter is
 * a JSON array in its slot of the argument array; a failure after elements ends the
 * stream so that a client tells it from an element; a client that goes away cancels the
 * implementation's publisher, and one that stops reading holds it back. No buffer leaks
 * (Netty's leak detector at paranoid).
 */
class HttpStreamingTests {

    private static final String FEED = "/io.rpcboot.http.Feed";

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    @Order(1)
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, FeedApplication.class);

    @RegisterExtension
    @Order(2)
    static final LeakCheck leaks = new LeakCheck();

    private final HttpCalls http = new HttpCalls(pair.port());

    private final FeedService service = pair.serverBean(FeedService.class);

    @Test
    void resultStreamIsNdjsonWithOneElementALine() {
        HttpResponse<String> response = this.http.post(FEED + "/count", "[1000]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(response.body().lines().toList())
            .isEqualTo(IntStream.range(0, 1000).mapToObj(String::valueOf).toList());
    }

    @Test
    void eachElementIsFlushedAsItIsProduced() throws Exception {
        HttpResponse<Stream<String>> response = postForLines(FEED + "/gated", "[\"first\",\"second\"]");
        assertThat(response.statusCode()).isEqualTo(200);
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("\"first\"");
        assertThat(this.service.secondEmitted.getCount()).as("second element not produced yet").isOne();
        this.service.gate.countDown();
        assertThat(lines.next()).isEqualTo("\"second\"");
        assertThat(lines.hasNext()).isFalse();
    }

    @Test
    void emptyStreamIsAnEmptyBody() {
        HttpResponse<String> response = this.http.post(FEED + "/count", "[0]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(this.http.post(FEED + "/count", "[2]").body()).isEqualTo("0\n1\n"); // same
                                                                                       // connection
    }

    @Test
    void eventStreamWhenTheClientAcceptsOnlyThat() {
        HttpResponse<String> response = this.http.post(FEED + "/count", "[3]", "Accept", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\n");
        assertThat(this.http.post(FEED + "/count", "[1]", "Accept", "text/event-stream, application/json")
            .headers()
            .firstValue("content-type")).hasValue("application/x-ndjson");
    }

    @Test
    void streamParameterTakesAJsonArrayInItsSlot() {
        HttpResponse<String> response = this.http.post(FEED + "/sum", "[[1,2,3,4]]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("10");
        assertThat(this.http.post(FEED + "/sum", "[[]]").body()).isEqualTo("0");
    }

    @Test
    void streamParameterThatIsNotAnArrayOfElementsIsRefused() {
        HttpResponse<String> notArray = this.http.post(FEED + "/sum", "[5]");
        assertThat(notArray.statusCode()).isEqualTo(400);
        assertThat(json(notArray.body()).get("message").asString())
            .contains("must be a JSON array of the elements of its stream");
        HttpResponse<String> badElement = this.http.post(FEED + "/sum", "[[1,\"x\"]]");
        assertThat(badElement.statusCode()).isEqualTo(400);
        assertThat(json(badElement.body()).get("status").asString()).isEqualTo("INVALID_ARGUMENT");
        HttpResponse<String> nullElement = this.http.post(FEED + "/sum", "[[1,null]]");
        assertThat(nullElement.statusCode()).isEqualTo(400);
        assertThat(this.http.post(FEED + "/sum", "[[1]]").body()).isEqualTo("1"); // the
                                                                                  // server
                                                                                  // goes
                                                                                  // on
    }

    @Test
    void bidirectionalMethodWorksHalfDuplex() {
        HttpResponse<String> response = this.http.post(FEED + "/prefix", "[\"> \",[\"a\",\"b\",\"c\"]]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"> a\"\n\"> b\"\n\"> c\"\n");
    }

    @Test
    void monoResultIsPlainJson() {
        HttpResponse<String> response = this.http.post(FEED + "/greet", "[\"ann\"]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"text\":\"hello ann\"}");
    }

    /**
     * Read from the socket: an HTTP client may report the incomplete body before it hands
     * over the lines it read before.
     */
    @Test
    void failureAfterElementsEndsTheNdjsonWithAnErrorLineAndNoEndOfBody() throws Exception {
        String received;
        try (Socket socket = new Socket("127.0.0.1", pair.port())) {
            request(socket, "/failAfter", "[2]", "");
            received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(received).startsWith("HTTP/1.1 200 OK").contains("transfer-encoding: chunked");
        String body = received.substring(received.indexOf("\r\n\r\n") + 4);
        String error = "{\"status\":\"APPLICATION_ERROR\",\"message\":\"failed after 2\",\"exception\":\""
                + Feed.FeedException.class.getName() + "\"}\n";
        assertThat(body)
            .isEqualTo("2\r\n0\n\r\n2\r\n1\n\r\n" + Integer.toHexString(error.length()) + "\r\n" + error + "\r\n");
        assertThat(body).as("no end of the chunked body").doesNotEndWith("0\r\n\r\n");
    }

    @Test
    void failureAfterElementsEndsTheEventStreamWithAnErrorEvent() {
        HttpResponse<String> response = this.http.post(FEED + "/failAfter", "[1]", "Accept", "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("data: 0\n\nevent: error\ndata: {\"status\":\"APPLICATION_ERROR\","
                + "\"message\":\"failed after 1\",\"exception\":\"" + Feed.FeedException.class.getName() + "\"}\n\n");
    }

    @Test
    void failureBeforeTheFirstElementIsAnErrorResponse() {
        HttpResponse<String> response = this.http.post(FEED + "/failAfter", "[0]");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response.body()).get("message").asString()).isEqualTo("failed after 0");
    }

    @Test
    void clientThatDisconnectsCancelsThePublisher() throws Exception {
        String key = "disconnect";
        try (Socket socket = new Socket("127.0.0.1", pair.port())) {
            BufferedReader reader = request(socket, "[\"" + key + "\",10]", "");
            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
            awaitCondition(() -> this.service.produced(key).get() > 0);
        }
        assertThat(this.service.cancelled(key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /**
     * A client that stops reading: the server's socket buffer (at most 4 MB on Linux) and
     * its channel's write buffer (64 KB) fill, and the producer stops within a window of
     * elements more; without flow control it would produce gigabytes meanwhile.
     */
    @Test
    void clientThatStopsReadingHoldsTheProducerBack() throws Exception {
        String key = "slow";
        int size = 4096;
        long bound = (5L * 1024 * 1024) / size + 128;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", pair.port()));
            BufferedReader reader = request(socket, "[\"" + key + "\"," + size + "]", "");
            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
            AtomicLongWatch produced = new AtomicLongWatch(() -> this.service.produced(key).get());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                produced.check(bound);
                TimeUnit.MILLISECONDS.sleep(20); // sampling the count for a while
            }
            assertThat(this.service.produced(key).get()).isGreaterThan(128).isLessThanOrEqualTo(bound);
            assertThat(this.http.post(FEED + "/count", "[2]").body()).as("other connections served")
                .isEqualTo("0\n1\n");
        }
        assertThat(this.service.cancelled(key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void descriptionSaysWhichMethodsStreamAndHow() {
        JsonNode description = json(this.http.get("/").body());
        JsonNode methods = description.get("services").get(0).get("methods");
        assertThat(streaming(methods, "count")).isEqualTo("result");
        assertThat(streaming(methods, "sum")).isEqualTo("parameter");
        assertThat(streaming(methods, "prefix")).isEqualTo("bidirectional");
        assertThat(streaming(methods, "greet")).isNull();
    }

    private static @org.jspecify.annotations.Nullable String streaming(JsonNode methods, String name) {
        for (JsonNode method : methods) {
            if (method.get("name").asString().equals(name)) {
                JsonNode streaming = method.get("streaming");
                return (streaming != null) ? streaming.asString() : null;
            }
        }
        throw new AssertionError("no method " + name);
    }

    private HttpResponse<Stream<String>> postForLines(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(this.http.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        return this.http.client().send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static BufferedReader request(Socket socket, String json, String headers) throws IOException {
        return request(socket, "/endless", json, headers);
    }

    private static BufferedReader request(Socket socket, String method, String json, String headers)
            throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + FEED + method + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + headers + "Content-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within " + WAIT).isNegative();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

    /** Fails as soon as a count passes its bound. */
    private record AtomicLongWatch(java.util.function.LongSupplier count) {

        void check(long bound) {
            assertThat(this.count.getAsLong()).as("elements produced for a client that reads nothing")
                .isLessThanOrEqualTo(bound);
        }

    }

}
