package io.rpcboot.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection limits and timeouts on HTTP connections: slow headers and unfinished bodies
 * are closed after the message read timeout, a keep-alive connection between requests is
 * not, a connection over the limit is answered {@code 503}, and an aged connection's next
 * response closes it.
 */
class HttpConnectionLimitsTests {

    private static final String GREET = "/io.rpcboot.http.Shop/greet";

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class)
        .serverProperties("rpc.server.handshake-timeout=1s", "rpc.server.message-read-timeout=300ms",
                "rpc.server.idle-timeout=10s");

    private final int port = pair.port();

    @Test
    void slowHeadersAreClosed() throws IOException {
        try (RawHttp keptAlive = new RawHttp(port); RawHttp slow = new RawHttp(port)) {
            assertThat(keptAlive.write(RawHttp.post(GREET, "[\"Ada\"]")).read().status()).isEqualTo(200);
            slow.write(RawHttp.post(GREET, "[\"Ada\"]")).read();
            slow.write("POST " + GREET + " HTTP/1.1\r\nHost: localhost\r\n");
            assertClosedWithin(slow, PROMPTLY);
            RawHttp.Response afterwards = keptAlive.write(RawHttp.post(GREET, "[\"Bob\"]")).read();
            assertThat(afterwards.status()).isEqualTo(200);
            assertThat(afterwards.body()).isEqualTo("\"Hello, Bob\"");
        }
    }

    @Test
    void firstRequestThatNeverCompletesIsClosed() throws IOException {
        try (RawHttp slow = new RawHttp(port)) {
            slow.write("GET / HTTP/1.1\r\nHost: loc");
            assertClosedWithin(slow, PROMPTLY);
        }
    }

    @Test
    void unfinishedBodyIsClosed() throws IOException {
        try (RawHttp unfinished = new RawHttp(port)) {
            unfinished.write("POST " + GREET + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n[\"Ada");
            assertClosedWithin(unfinished, PROMPTLY);
        }
    }

    @Test
    void connectionsOverTheLimitAreAnswered503() throws IOException {
        ConfigurableApplicationContext capped = RpcApplications.server(new Class<?>[] { ShopApplication.class },
                "rpc.server.max-connections=2");
        List<RawHttp> accepted = new ArrayList<>();
        try {
            int cappedPort = RpcApplications.port(capped);
            for (int i = 0; i < 2; i++) {
                RawHttp connection = new RawHttp(cappedPort);
                accepted.add(connection);
                assertThat(connection.write(RawHttp.post(GREET, "[\"Ada\"]")).read().status()).isEqualTo(200);
            }
            try (RawHttp refused = new RawHttp(cappedPort)) {
                RawHttp.Response response = refused.write(RawHttp.post(GREET, "[\"Ada\"]")).read();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.headers()).containsEntry("connection", "close")
                    .containsEntry("content-type", "application/json");
                assertThat(response.body()).startsWith("{\"status\":\"UNAVAILABLE\",\"message\":\"")
                    .contains("limit of 2 connections (rpc.server.max-connections)");
                assertThat(refused.isClosedByServer()).isTrue();
            }
            for (RawHttp connection : accepted) {
                assertThat(connection.write(RawHttp.post(GREET, "[\"Ada\"]")).read().status()).isEqualTo(200);
            }
        }
        finally {
            for (RawHttp connection : accepted) {
                connection.close();
            }
            capped.close();
        }
    }

    @Test
    void responseAfterTheMaximumAgeClosesTheConnection() throws IOException {
        ConfigurableApplicationContext aging = RpcApplications.server(new Class<?>[] { ShopApplication.class },
                "rpc.server.max-connection-age=300ms");
        try (RawHttp connection = new RawHttp(RpcApplications.port(aging))) {
            RawHttp.Response response;
            long deadline = System.nanoTime() + PROMPTLY.toNanos();
            do {
                response = connection.write(RawHttp.post(GREET, "[\"Ada\"]")).read();
                assertThat(response.status()).isEqualTo(200);
            }
            while (!"close".equals(response.headers().get("connection")) && System.nanoTime() < deadline);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
        finally {
            aging.close();
        }
    }

    private static void assertClosedWithin(RawHttp connection, Duration within) throws IOException {
        long start = System.nanoTime();
        assertThat(connection.isClosedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
    }

}
