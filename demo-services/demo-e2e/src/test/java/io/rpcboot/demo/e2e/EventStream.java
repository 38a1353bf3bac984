package io.rpcboot.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of a server-sent events stream for tests, as a browser's {@code EventSource}
 * reads it: on the JDK's HTTP client, its {@code data:} lines collected by a thread of
 * its own as they arrive. Closing it closes the connection.
 */
final class EventStream implements AutoCloseable {

    private static final String END = "";

    private final HttpResponse<Stream<String>> response;

    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a stream, and returns once its status line and headers arrived.
     * @param uri the stream's URI
     * @return the stream
     */
    static EventStream open(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        return new EventStream(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return this.response.statusCode();
    }

    String contentType() {
        return this.response.headers().firstValue("Content-Type").orElse("");
    }

    /**
     * Waits for the data of the next event.
     * @return the data, or {@code null} when the stream ended
     * @throws AssertionError when none arrives within 10 seconds
     */
    String nextData() throws InterruptedException {
        String next = this.data.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("No event within 10 seconds");
        }
        return (next == END) ? null : next;
    }

    private void read() {
        try (Stream<String> lines = this.response.body()) {
            lines.filter((line) -> line.startsWith("data:")).forEach((line) -> this.data.add(line.substring(5)));
        }
        catch (UncheckedIOException ex) {
            // closed
        }
        finally {
            this.data.add(END);
        }
    }

    @Override
    public void close() {
        this.response.body().close();
    }

}
