package io.rpcboot.semantics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RESPONSE flag NOT_PROCESSED (docs/protocol.md) is the server transport's word that
 * a call never reached application code: set on its own refusals (draining, queue full),
 * never on a status the application threw, even {@code UNAVAILABLE}.
 */
class NotProcessedFlagTests {

    private static final int FLAG_NOT_PROCESSED = 0x04;

    private static final String GATE = Gate.class.getName();

    @Test
    void refusalOfADrainingServerCarriesTheFlag() throws Exception {
        ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        GateImpl gate = server.getBean(GateImpl.class);
        CompletableFuture<Void> stopped = null;
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            connection.writeRequest(1, GATE, "hold()", 0, "[]");
            assertThat(gate.entered.await(5, TimeUnit.SECONDS)).as("the held call runs").isTrue();
            stopped = CompletableFuture.runAsync(server::close); // drains: waits for the
                                                                 // held call
            connection.readFrameOfType(5); // GO_AWAY: the drain began
            connection.writeRequest(2, GATE, "free()", 0, "[]");
            RawConnection.Response refused = connection.readResponse();
            assertThat(refused.id()).isEqualTo(2);
            assertThat(refused.status()).isEqualTo(RpcStatus.UNAVAILABLE);
            assertThat(refused.flags() & FLAG_NOT_PROCESSED).as("NOT_PROCESSED flag").isNotZero();
            gate.open.countDown();
            RawConnection.Response held = connection.readResponse();
            assertThat(held.status()).isEqualTo(RpcStatus.OK);
            assertThat(held.flags() & FLAG_NOT_PROCESSED).isZero();
        }
        finally {
            gate.open.countDown();
            if (stopped != null) {
                stopped.get(10, TimeUnit.SECONDS);
            }
            server.close();
        }
    }

    @Test
    void refusalOfAFullQueueCarriesTheFlag() {
        ConfigurableApplicationContext server = RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class }, "rpc.server.max-threads=1",
                "rpc.server.max-queued-calls=1");
        GateImpl gate = server.getBean(GateImpl.class);
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            connection.writeRequest(1, GATE, "hold()", 0, "[]");
            assertThat(gate.entered.await(5, TimeUnit.SECONDS)).as("the held call runs").isTrue();
            connection.writeRequest(2, GATE, "free()", 0, "[]"); // waits in the queue
            connection.writeRequest(3, GATE, "free()", 0, "[]"); // finds the queue full
            RawConnection.Response refused = connection.readResponse();
            assertThat(refused.id()).isEqualTo(3);
            assertThat(refused.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(refused.flags() & FLAG_NOT_PROCESSED).as("NOT_PROCESSED flag").isNotZero();
        }
        catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
        finally {
            gate.open.countDown();
            server.close();
        }
    }

    @Test
    void unavailableThrownByTheApplicationDoesNotCarryTheFlag() {
        ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            connection.writeRequest(1, GATE, "downstreamUnavailable()", 0, "[]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.UNAVAILABLE);
            assertThat(response.payload()).contains("inventory is down");
            assertThat(response.flags() & FLAG_NOT_PROCESSED).as("NOT_PROCESSED flag").isZero();
        }
        finally {
            server.close();
        }
    }

    /** Holds calls until opened, or fails as a downstream call would. */
    public interface Gate {

        String hold();

        String free();

        String downstreamUnavailable();

    }

    @RpcService
    static class GateImpl implements Gate {

        final CountDownLatch open = new CountDownLatch(1);

        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public String hold() {
            this.entered.countDown();
            try {
                this.open.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }

        @Override
        public String free() {
            return "free";
        }

        @Override
        public String downstreamUnavailable() {
            throw new RpcException(RpcStatus.UNAVAILABLE, "inventory is down");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        GateImpl gate() {
            return new GateImpl();
        }

    }

}
