package io.rpcboot.semantics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.TcpRelay;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection limits and timeouts of the binary protocol, over real sockets: a cap on
 * connections that refuses the excess clearly, a handshake timeout, a timeout for a frame
 * that started but does not finish, and an idle timeout that tells clients to go away so
 * that they reconnect.
 */
class ConnectionLimitsTests {

    private static final int GO_AWAY = 5;

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static final String ECHO = EchoService.NAME;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, EchoService.ServerApp.class)
        .serverProperties("rpc.server.handshake-timeout=300ms", "rpc.server.message-read-timeout=300ms",
                "rpc.server.idle-timeout=2s");

    @Test
    void connectionsOverTheLimitAreRefusedWithAGoAwayNamingIt() {
        ConfigurableApplicationContext capped = RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class },
                "rpc.server.max-connections=5");
        List<RawConnection> accepted = new ArrayList<>();
        try {
            int port = RpcApplications.port(capped);
            for (int i = 0; i < 5; i++) {
                accepted.add(RawConnection.connectAndHandshake(port));
            }
            try (RawConnection refused = RawConnection.connect(port)) {
                refused.writePreface().writeSettings(4 * 1024 * 1024);
                assertThat(refused.readInt()).isEqualTo(RawConnection.MAGIC);
                assertThat(refused.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
                RawConnection.RawFrame goAway = refused.readFrame();
                assertThat(goAway.type()).isEqualTo(GO_AWAY);
                assertThat(goAway.id()).isZero();
                assertThat(reason(goAway)).contains("limit of 5 connections", "rpc.server.max-connections");
                assertThat(refused.closedByPeerWithin(PROMPTLY)).isTrue();
            }
            for (RawConnection connection : accepted) {
                assertStillServed(connection);
            }
            accepted.remove(0).close();
            RawConnection next = awaitAccepted(port);
            accepted.add(next);
            assertStillServed(next);
        }
        finally {
            accepted.forEach(RawConnection::close);
            capped.close();
        }
    }

    @Test
    void connectionThatSendsOnlyThePrefaceIsClosedAfterTheHandshakeTimeout() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection prefaceOnly = RawConnection.connect(port());
                RawConnection silent = RawConnection.connect(port())) {
            prefaceOnly.writePreface();
            assertThat(prefaceOnly.closedByPeerWithin(PROMPTLY)).isTrue();
            assertThat(silent.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void frameHeaderAtTheLimitFollowedBySilenceIsClosedAfterTheReadTimeout() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection stalled = RawConnection.connectAndHandshake(port())) {
            stalled.writeFrameHeader(stalled.peerMaxMessageSize(), RawConnection.REQUEST, 1);
            RawConnection.RawFrame goAway = stalled.readFrameOfType(GO_AWAY);
            assertThat(reason(goAway)).contains("did not arrive whole within 300ms");
            assertThat(stalled.closedByPeerWithin(PROMPTLY)).isTrue();
            assertStillServed(healthy);
        }
    }

    @Test
    void frameHeaderSentWithTheHandshakeThenSilenceIsClosedAfterTheReadTimeout() {
        try (RawConnection stalled = RawConnection.connect(port())) {
            byte[] header = { 0x00, 0x40, 0x00, 0x00, RawConnection.REQUEST, 0, 0, 0, 0, 1 };
            byte[] handshakeAndHeader = new byte[5 + 4 + 6 + 12 + header.length];
            java.nio.ByteBuffer.wrap(handshakeAndHeader)
                .putInt(RawConnection.MAGIC)
                .put((byte) RawConnection.VERSION)
                .putInt(6 + 12)
                .put((byte) RawConnection.SETTINGS)
                .put((byte) 0)
                .putInt(0)
                .putShort((short) 1)
                .putInt(4 * 1024 * 1024)
                .putShort((short) 2)
                .putInt(RawConnection.FORMAT_JSON)
                .put(header);
            stalled.write(handshakeAndHeader);
            assertThat(stalled.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(stalled.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            assertThat(stalled.readFrameOfType(GO_AWAY)).isNotNull();
            assertThat(stalled.closedByPeerWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void idleConnectionIsToldToGoAwayAndClosedEvenWhileItPings() {
        try (RawConnection idle = RawConnection.connectAndHandshake(port())) {
            assertStillServed(idle);
            RawConnection.RawFrame goAway = null;
            long deadline = System.nanoTime() + PROMPTLY.toNanos();
            while (goAway == null && System.nanoTime() < deadline) {
                idle.writeFrame(RawConnection.PING, 0, new byte[8]);
                RawConnection.RawFrame frame = idle.readFrame();
                if (frame.type() == GO_AWAY) {
                    goAway = frame;
                }
            }
            assertThat(goAway).as("GO_AWAY within " + PROMPTLY).isNotNull();
            assertThat(goAway.id()).isEqualTo(42);
            assertThat(reason(goAway)).isEqualTo("idle");
            assertThat(idle.closedByPeerWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void clientWhoseConnectionWasClosedForIdlenessSucceedsOnItsNextCall() {
        try (TcpRelay relay = new TcpRelay(port())) {
            ConfigurableApplicationContext client = RpcApplications.client(pair.server(), "echo",
                    new Class<?>[] { AutoConfiguredApplication.class, EchoService.ClientApp.class },
                    "rpc.client.services.echo.urls=rpc://127.0.0.1:" + relay.port());
            try {
                EchoService.Echo echo = client.getBean(EchoService.Echo.class);
                assertThat(echo.echo("first")).isEqualTo("first");
                RpcClientFactory clients = client.getBean(RpcClientFactory.class);
                awaitCondition(() -> relay.acceptedConnections() == 1 && relay.openConnections() == 0 && clients
                    .services()
                    .stream()
                    .allMatch((service) -> service.endpointStates().stream().noneMatch(EndpointState::connected)));
                assertThat(echo.echo("after idle")).isEqualTo("after idle");
                assertThat(relay.acceptedConnections()).isEqualTo(2);
            }
            finally {
                client.close();
            }
        }
    }

    private static RawConnection awaitAccepted(int port) {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (true) {
            RawConnection connection = RawConnection.connect(port);
            connection.writePreface().writeSettings(4 * 1024 * 1024);
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            RawConnection.RawFrame first = connection.readFrame();
            if (first.type() == RawConnection.SETTINGS) {
                return connection;
            }
            connection.close();
            assertThat(System.nanoTime()).as("accepted again within " + PROMPTLY).isLessThan(deadline);
        }
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + PROMPTLY).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    private static String reason(RawConnection.RawFrame goAway) {
        int length = ((goAway.body()[0] & 0xff) << 8) | (goAway.body()[1] & 0xff);
        return new String(goAway.body(), 2, length, StandardCharsets.UTF_8);
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
