package io.rpcboot.semantics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input closes the connection it came on and harms no other: a wrong magic, a
 * frame length shorter than a frame header, a field running past the end of its frame.
 * Each test also shows that a connection opened before keeps being served.
 */
class MalformedFrameTests {

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private static final String ECHO = EchoService.NAME;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, EchoService.ServerApp.class)
        .client("echo", AutoConfiguredApplication.class, EchoService.ClientApp.class);

    private final EchoService.Echo echo = pair.clientBean(EchoService.Echo.class);

    @Test
    void wrongMagicClosesTheConnection() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection broken = RawConnection.connect(port())) {
            broken.write(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x01, 0x00, 0x00, 0x00 });
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void frameLengthShorterThanAFrameHeaderClosesTheConnection() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection broken = RawConnection.connectAndHandshake(port())) {
            broken.write(new byte[] { 0x00, 0x00, 0x00, 0x02, RawConnection.REQUEST, 0x00 });
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void fieldRunningPastTheEndOfItsFrameClosesTheConnection() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection broken = RawConnection.connectAndHandshake(port())) {
            byte[] service = ECHO.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[2 + service.length];
            body[0] = (byte) 0x10; // says the service name has 4096 bytes: more than the
                                   // frame holds
            System.arraycopy(service, 0, body, 2, service.length);
            broken.writeFrame(RawConnection.REQUEST, 1, body);
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void garbageAfterThePrefaceClosesTheConnection() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection broken = RawConnection.connectAndHandshake(port())) {
            broken.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void unknownProtocolVersionIsAnsweredWithTheKnownVersionsAndClosed() {
        try (RawConnection connection = RawConnection.connect(port())) {
            connection.write(new byte[] { 'R', 'P', 'C', 'B', 99 });
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).as("version of a rejection").isZero();
            int count = connection.readUnsignedByte();
            assertThat(count).isPositive();
            int[] versions = new int[count];
            for (int i = 0; i < count; i++) {
                versions[i] = connection.readUnsignedByte();
            }
            assertThat(versions).contains(RawConnection.VERSION);
            assertThat(connection.closedByPeerWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void unknownFrameTypeIsIgnored() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeFrame(99, 1, new byte[] { 1, 2, 3 });
            assertStillServed(connection);
        }
    }

    @Test
    void proxyOnItsOwnConnectionIsUnaffectedByMalformedConnections() {
        try (RawConnection broken = RawConnection.connectAndHandshake(port())) {
            broken.write(new byte[] { 0x00, 0x00, 0x00, 0x00 });
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
        }
        assertThat(echo.echo("fine")).isEqualTo("fine");
    }

    private static void assertStillServed(RawConnection connection) {
        connection.writeRequest(42, ECHO, "echo(java.lang.String)", 0, "[\"still here\"]");
        RawConnection.Response response = connection.readResponse();
        assertThat(response.id()).isEqualTo(42);
        assertThat(response.status()).isEqualTo(RpcStatus.OK);
        assertThat(response.payload()).isEqualTo("\"still here\"");
    }

    private static int port() {
        return pair.port();
    }

}
