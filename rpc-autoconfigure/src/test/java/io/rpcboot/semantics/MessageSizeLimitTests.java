package io.rpcboot.semantics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.TcpRelay;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Messages over a receiver's limit are refused with {@code RESOURCE_EXHAUSTED} and never
 * buffered: the server reads requests of at most 16KB and says so in its settings, so a
 * client refuses larger requests before sending them; a frame header announcing more is
 * answered at once and its connection closed. The {@code limited} client reads responses
 * of at most 16KB. The {@code unlimited} client reaches the server through a relay that
 * counts its connections.
 */
class MessageSizeLimitTests {

    private static final int LIMIT = 16 * 1024;

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .serverProperties("rpc.server.max-message-size=16KB")
        .client("blobs", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.max-message-size=16KB");

    static TcpRelay relay;

    static ConfigurableApplicationContext unlimitedClient;

    private final Blobs unlimited = unlimitedClient.getBean(Blobs.class);

    private final Blobs limited = pair.clientBean(Blobs.class);

    private final AtomicInteger serverCalls = pair.serverBean(BlobsImpl.class).calls;

    @BeforeAll
    static void start() {
        relay = new TcpRelay(pair.port());
        unlimitedClient = RpcApplications.client(pair.server(), "blobs",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class },
                "rpc.client.services.blobs.urls=rpc://127.0.0.1:" + relay.port());
    }

    @AfterAll
    static void stop() {
        unlimitedClient.close();
        relay.close();
    }

    @Test
    void serverAnnouncesItsLimitInItsSettings() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            assertThat(connection.peerMaxMessageSize()).isEqualTo(LIMIT);
        }
    }

    @Test
    void requestOverTheServersLimitIsRefusedBeforeItIsSent() {
        assertThat(unlimited.length("warm up")).isEqualTo(7);
        int connections = relay.acceptedConnections();
        int calls = serverCalls.get();
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> unlimited.length("x".repeat(LIMIT)))
            .returns(RpcStatus.RESOURCE_EXHAUSTED, RpcException::getStatus)
            .withMessageContaining(String.valueOf(LIMIT));
        assertThat(serverCalls.get()).isEqualTo(calls);
        assertThat(unlimited.length("still connected")).isEqualTo(15);
        assertThat(relay.acceptedConnections()).as("connections opened").isEqualTo(connections);
    }

    @Test
    void oversizedFrameHeaderIsAnsweredAndItsConnectionClosedUnread() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeFrameHeader(1L << 30, RawConnection.REQUEST, 7);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(7);
            assertThat(response.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(connection.closedByPeerWithin(PROMPTLY)).as("connection closed by the server").isTrue();
        }
        assertThat(unlimited.length("others still served")).isEqualTo(19);
    }

    @Test
    void responseOverTheClientsLimitFailsTheCall() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> limited.make(LIMIT))
            .returns(RpcStatus.RESOURCE_EXHAUSTED, RpcException::getStatus);
        assertThat(limited.make(10)).hasSize(10);
        assertThat(unlimited.make(LIMIT)).hasSize(LIMIT);
    }

    @Test
    void responseFrameOverTheClientsLimitIsRejectedUnread() {
        try (RawServer rawServer = new RawServer();
                ConfigurableApplicationContext rawClient = pair
                    .startClient("rpc.client.services.blobs.urls=" + rawServer.url())) {
            Blobs blobs = rawClient.getBean(Blobs.class);
            CompletableFuture<String> made = CompletableFuture.supplyAsync(() -> blobs.make(10));
            try (RawConnection connection = rawServer.acceptAndHandshake(LIMIT)) {
                RawConnection.Request request = connection.readRequest();
                connection.writeFrameHeader(1L << 20, RawConnection.RESPONSE, request.id());
                assertThat(made).failsWithin(PROMPTLY)
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class,
                            (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED));
                assertThat(connection.closedByPeerWithin(PROMPTLY)).as("connection closed by the client").isTrue();
            }
        }
    }

    @RpcClient(name = "blobs")
    public interface Blobs {

        int length(String text);

        String make(int length);

    }

    @RpcService
    static class BlobsImpl implements Blobs {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int length(String text) {
            this.calls.incrementAndGet();
            return text.length();
        }

        @Override
        public String make(int length) {
            this.calls.incrementAndGet();
            return "y".repeat(length);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        BlobsImpl blobs() {
            return new BlobsImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Blobs.class)
    static class ClientApp {

    }

}
