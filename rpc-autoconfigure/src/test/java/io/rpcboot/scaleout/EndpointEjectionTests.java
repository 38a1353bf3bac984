package io.rpcboot.scaleout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.client.ClientOptions;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.EndpointBackoff;
import io.rpcboot.internal.client.EndpointOptions;
import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RemoteService;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.scaleout.WhereService.Where;
import io.rpcboot.support.RpcApplications;

import static io.rpcboot.scaleout.DnsEndpointsTests.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An endpoint that refuses or drops connections is ejected: no connection attempt goes to
 * it until its backoff (exponential, with jitter) elapses, calls go to the live endpoints
 * without waiting for it, and with none live a call fails with {@code UNAVAILABLE} at
 * once, not at its deadline.
 */
class EndpointEjectionTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Two seconds (±20%), doubling: long enough for the calls made while ejected. */
    private static final EndpointBackoff BACKOFF = new EndpointBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30),
            0.2);

    private static ConfigurableApplicationContext live;

    @BeforeAll
    static void startServer() {
        live = WhereService.server("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServer() {
        live.close();
    }

    @Test
    void droppingEndpointIsNotConnectedToAgainBeforeItsBackoffAndCallsGoToTheLiveOneWithoutWaiting() throws Exception {
        try (DroppingServer dead = new DroppingServer(); RpcClientFactory factory = factory()) {
            Where where = client(factory, "rpc://127.0.0.1:" + RpcApplications.port(live),
                    "rpc://127.0.0.1:" + dead.port());
            assertThat(where.where()).isEqualTo("127.0.0.1"); // the first connection,
                                                              // warming up
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThat(where.where()).isEqualTo("127.0.0.1");
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertThat(dead.accepted()).as("connections accepted by the dropping endpoint").isOne();
            assertThat(Duration.ofNanos(slowest)).as("slowest call").isLessThan(TIMEOUT.dividedBy(10));
            EndpointState ejected = state(factory, dead.port());
            assertThat(ejected.status()).isEqualTo(EndpointState.Status.EJECTED);
            assertThat(ejected.lastFailure()).contains("rpc://127.0.0.1:" + dead.port());
            assertThat(ejected.nextAttemptIn()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(2400));

            awaitTrue(() -> state(factory, dead.port()).status() != EndpointState.Status.EJECTED, "backoff elapses");
            awaitTrue(() -> {
                where.where();
                return dead.accepted() == 2;
            }, "a call after the backoff tries the endpoint again");
            awaitTrue(() -> state(factory, dead.port()).status() == EndpointState.Status.EJECTED, "ejected again");
            assertThat(state(factory, dead.port()).nextAttemptIn()).as("second backoff: doubled")
                .isGreaterThan(Duration.ofMillis(2400));
        }
    }

    @Test
    void withEveryEndpointDeadACallFailsWithUnavailableInMillisecondsNamingTheService() throws Exception {
        try (DroppingServer dropping = new DroppingServer(); RpcClientFactory factory = factory()) {
            int refusing = WhereService.unusedPort();
            Where where = client(factory, "rpc://127.0.0.1:" + refusing, "rpc://127.0.0.1:" + dropping.port());
            assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                assertThatExceptionOfType(RpcException.class).isThrownBy(where::where)
                    .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus)
                    .withMessageContaining("no endpoint of service 'where' is available")
                    .withMessageContaining("rpc://127.0.0.1:" + refusing)
                    .withMessageContaining("rpc://127.0.0.1:" + dropping.port());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
            }
            assertThat(dropping.accepted()).isOne();
            RemoteService service = factory.services().iterator().next();
            assertThat(service.hasAvailableEndpoint()).isFalse();
        }
    }

    private static EndpointState state(RpcClientFactory factory, int port) {
        return factory.services()
            .iterator()
            .next()
            .endpointStates()
            .stream()
            .filter((state) -> state.address().port() == port)
            .findFirst()
            .orElseThrow();
    }

    private static RpcClientFactory factory() {
        return new RpcClientFactory(new PayloadCodec(new JsonMapper()), new ClientOptions(1 << 20, TIMEOUT), List.of(),
                new EndpointOptions(EndpointOptions.DEFAULT_RESOLVE_INTERVAL, BACKOFF, null));
    }

    private static Where client(RpcClientFactory factory, String... urls) {
        return factory.createClient(Where.class, new RemoteServiceConfig("where",
                java.util.Arrays.stream(urls).map(EndpointAddress::parse).toList(), TIMEOUT));
    }

    /**
     * A server that accepts connections, counts them, and closes them at once, as a
     * process that is going down does.
     */
    static final class DroppingServer implements AutoCloseable {

        private final ServerSocket socket;

        private final AtomicInteger accepted = new AtomicInteger();

        DroppingServer() throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "dropping-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!this.socket.isClosed()) {
                try (Socket connection = this.socket.accept()) {
                    this.accepted.incrementAndGet();
                }
                catch (IOException ex) {
                    // closed
                }
            }
        }

        int port() {
            return this.socket.getLocalPort();
        }

        int accepted() {
            return this.accepted.get();
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }

    }

}
