package io.rpcboot.semantics;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that goes away logs at most one line, whatever was still to be written to
 * it: a reset is the peer's business (DEBUG), and answers that can no longer be written
 * are dropped quietly.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionFailureLoggingTests {

    private static final String ECHO = EchoService.NAME;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, EchoService.ServerApp.class);

    @Test
    void peerThatResetsWithAnswersPendingCostsNoWarning(CapturedOutput output) {
        int localPort;
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            localPort = connection.localPort();
            String argument = "[\"" + "x".repeat(4000) + "\"]";
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int id = 1; id <= 500; id++) {
                requests.writeBytes(frame(id, argument));
            }
            connection.write(requests.toByteArray());
            connection.readResponse(); // answers are on their way; the rest is never read
        } // closing with unread bytes resets the connection
        assertThat(warningsAbout(output, localPort, Duration.ofSeconds(2))).isLessThanOrEqualTo(1);
        try (RawConnection healthy = RawConnection.connectAndHandshake(port())) {
            healthy.writeRequest(1, ECHO, "echo(java.lang.String)", 0, "[\"fine\"]");
            assertThat(healthy.readResponse().status()).isEqualTo(RpcStatus.OK);
        }
    }

    @Test
    void resetBeforeTheProtocolIsKnownDoesNotReachThePipelineTail(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.getOutputStream().write(new byte[] { 'R', 'P' });
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0); // close sends a reset
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() - deadline < 0) {
            assertThat(output.getOut()).doesNotContain("tail of the pipeline");
        }
    }

    /**
     * Counts, until the time is up, the WARN lines about the connection from the given
     * port.
     */
    private static long warningsAbout(CapturedOutput output, int localPort, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        long warnings = 0;
        while (System.nanoTime() - deadline < 0 && warnings <= 1) {
            warnings = Arrays.stream(output.getOut().split("\n"))
                .filter((line) -> line.contains("WARN") && line.contains(":" + localPort))
                .count();
        }
        return warnings;
    }

    private static byte[] frame(int id, String arguments) {
        return ProtocolViolationTests.requestFrame(id, ECHO, "echo(java.lang.String)", arguments);
    }

    private static int port() {
        return pair.port();
    }

}
