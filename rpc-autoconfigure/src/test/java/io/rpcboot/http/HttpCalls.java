package io.rpcboot.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a server over HTTP/1.1 with the JDK's {@link HttpClient}.
 */
final class HttpCalls {

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final String base;

    HttpCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Posts JSON.
     * @param path the path, as it goes on the wire
     * @param json the body
     * @param headers extra headers, name and value in turn
     * @return the response
     */
    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(json));
        request.header("Content-Type", "application/json");
        return send(request, headers);
    }

    /**
     * Sends a request.
     * @param method the HTTP method
     * @param path the path
     * @param body the body, empty for none
     * @param headers headers, name and value in turn
     * @return the response
     */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(request(path).method(method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpClient client() {
        return this.client;
    }

    URI uri(String path) {
        return URI.create(this.base + path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
