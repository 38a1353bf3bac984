package io.rpcboot.http;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that goes away in the middle of a request, or resets its connection, is an
 * everyday event on a network, not a server fault: one line at {@code DEBUG}, no stack
 * trace, nothing at {@code WARN}, and no exception left for Netty to report at the end of
 * the pipeline.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpConnectionLoggingTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class)
        .serverProperties("logging.level.io.rpcboot.internal.server.http=DEBUG");

    private final int port = pair.port();

    @Test
    void bodyAbortedByTheClientIsOneDebugLine(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n[\"only part")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        awaitLine(output, "Closing HTTP connection from");
        assertQuietAboutConnections(output);
    }

    @Test
    void chunkedBodyAbortedByTheClientIsOneDebugLine(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n[\"abc\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        awaitLine(output, "Closing HTTP connection from");
        assertQuietAboutConnections(output);
    }

    @Test
    void connectionResetByTheClientIsOneDebugLine(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoLinger(true, 0); // close with a reset
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SHOP + "/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n[\"only part")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        awaitLine(output, "Closing HTTP connection from");
        assertQuietAboutConnections(output);
    }

    private static void assertQuietAboutConnections(CapturedOutput output) {
        List<String> lines = output.getOut().lines().toList();
        assertThat(lines).filteredOn((line) -> line.contains("Closing HTTP connection from"))
            .hasSize(1)
            .allSatisfy((line) -> assertThat(line).contains("DEBUG"));
        assertThat(lines).noneMatch((line) -> line.contains(" WARN ") || line.contains(" ERROR "));
        assertThat(lines).noneMatch((line) -> line.startsWith("\tat ") || line.contains("reached the tail"));
    }

    private static void awaitLine(CapturedOutput output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output.getOut().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling a condition with a deadline
        }
        assertThat(output.getOut()).contains(text);
    }

}
