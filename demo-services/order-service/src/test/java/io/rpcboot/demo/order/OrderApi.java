package io.rpcboot.demo.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of order-service's REST API for tests, on the JDK's HTTP client.
 */
final class OrderApi {

    private static final JsonMapper json = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Function<String, URI> uris;

    OrderApi(DemoServices services) {
        this.uris = services::uri;
    }

    Response placeOrder(String sku, int quantity) {
        return post("/orders", "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}");
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(this.uris.apply(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(this.uris.apply(path)).GET());
    }

    private Response send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * An answer of the API.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body the body
     * @param elapsed how long the call took
     */
    record Response(int status, HttpHeaders headers, String body, Duration elapsed) {

        JsonNode json() {
            return OrderApi.json.readTree(this.body);
        }

        <T> T as(Class<T> type) {
            return OrderApi.json.readValue(this.body, type);
        }

        String contentType() {
            return this.headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return "HTTP " + this.status + " " + this.body;
        }

    }

}
