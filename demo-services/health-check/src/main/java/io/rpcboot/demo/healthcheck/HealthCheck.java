package io.rpcboot.demo.healthcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code HEALTHCHECK} of the demo services' images, which have a JRE but no curl or
 * wget: asks the service's Actuator whether it is ready to take traffic and exits with 0
 * when it answers {@code 200}, with 1 otherwise (not started yet, draining on shutdown,
 * or not answering). Docker keeps what it prints, so {@code docker inspect} shows the
 * last answers.
 * <p>
 * It sits in the service's jar and uses only {@code java.base}, so that its JVM starts in
 * a fraction of a second: <pre>
 * java -cp application.jar io.rpcboot.demo.healthcheck.HealthCheck [url]
 * </pre> The URL defaults to {@code http://127.0.0.1:<port>/actuator/health/readiness},
 * the port being {@code MANAGEMENT_SERVER_PORT}, else {@code SERVER_PORT}, else 8080.
 */
public final class HealthCheck {

    static final String READINESS_PATH = "/actuator/health/readiness";

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static final int MAX_PRINTED_BODY = 300;

    private HealthCheck() {
    }

    /**
     * Checks the service and exits with the result.
     * @param args optionally the URL to check
     */
    public static void main(String[] args) {
        URI uri = (args.length > 0) ? URI.create(args[0]) : defaultUri(System.getenv());
        System.exit(check(uri, TIMEOUT, System.out) ? 0 : 1);
    }

    /**
     * Returns the readiness URL of the service in this container.
     * @param environment the environment variables
     * @return the URL
     */
    static URI defaultUri(Map<String, String> environment) {
        String port = environment.get("MANAGEMENT_SERVER_PORT");
        if (port == null || port.isBlank()) {
            port = environment.getOrDefault("SERVER_PORT", "8080");
        }
        return URI.create("http://127.0.0.1:" + port.trim() + READINESS_PATH);
    }

    /**
     * Asks the URL and prints the answer.
     * @param uri the URL
     * @param timeout how long to wait for the connection, and then for the answer
     * @param out where to print the answer
     * @return whether the service answered {@code 200}
     */
    static boolean check(URI uri, Duration timeout, PrintStream out) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            out.println(uri + " answered " + status + " " + body(connection, status));
            return status == 200;
        }
        catch (IOException | RuntimeException ex) {
            out.println(uri + " did not answer: " + ex);
            return false;
        }
        finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String body(HttpURLConnection connection, int status) throws IOException {
        try (@Nullable
        InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
            if (body == null) {
                return "";
            }
            String text = new String(body.readNBytes(MAX_PRINTED_BODY), StandardCharsets.UTF_8);
            return (body.read() != -1) ? text + "..." : text;
        }
    }

}
