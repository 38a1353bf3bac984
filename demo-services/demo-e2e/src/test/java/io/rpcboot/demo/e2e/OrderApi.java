package io.rpcboot.demo.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * order-service's REST API as its users call it: over HTTP, from outside its container.
 */
final class OrderApi {

    private static final JsonMapper json = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    /**
     * Creates a client.
     * @param base the URL of order-service, such as {@code http://localhost:32768}
     */
    OrderApi(URI base) {
        this.base = base;
    }

    /**
     * Returns the URL of a path of the API.
     * @param path the path, such as {@code /products}
     * @return the URL
     */
    URI uri(String path) {
        return this.base.resolve(path);
    }

    Response placeOrder(String sku, int quantity) {
        return post("/orders", "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}");
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(this.base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
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
            throw new IllegalStateException("No answer from order-service at " + this.base + ": " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling order-service", ex);
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
            return json.readTree(this.body);
        }

        /**
         * Returns a text field of the JSON body.
         * @param name the field's name
         * @return its value, or an empty string when the body is not JSON or has no such
         * field
         */
        String field(String name) {
            try {
                JsonNode value = json().get(name);
                return (value != null && !value.isNull()) ? value.asString() : "";
            }
            catch (JacksonException ex) {
                return "";
            }
        }

        @Override
        public String toString() {
            return "HTTP " + this.status + " after " + this.elapsed.toMillis() + " ms: " + this.body;
        }

    }

}
