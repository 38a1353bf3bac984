package io.rpcboot.semantics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server runs at most {@code rpc.server.max-concurrent-calls-per-connection} calls in
 * flight for one connection, announces that limit in its SETTINGS, and refuses the calls
 * beyond it with RESOURCE_EXHAUSTED on that connection only.
 */
class ConnectionCallLimitTests {

    private static final int LIMIT = 5;

    private static final int SETTING_MAX_CONCURRENT_CALLS = 3;

    private static final String GATE = Gate.class.getName();

    static ConfigurableApplicationContext server;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.server.max-concurrent-calls-per-connection=" + LIMIT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void settingsAnnounceTheLimit() {
        try (RawConnection connection = RawConnection.connect(port())) {
            connection.writePreface().writeSettings(1 << 20);
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            RawConnection.RawFrame settings = connection.readFrame();
            assertThat(settings.type()).isEqualTo(RawConnection.SETTINGS);
            ByteBuffer body = ByteBuffer.wrap(settings.body());
            Integer announced = null;
            while (body.remaining() >= 6) {
                int key = Short.toUnsignedInt(body.getShort());
                int value = body.getInt();
                if (key == SETTING_MAX_CONCURRENT_CALLS) {
                    announced = value;
                }
            }
            assertThat(announced).isEqualTo(LIMIT);
        }
    }

    @Test
    void callsBeyondTheLimitAreRefusedOnThatConnectionOnly() throws InterruptedException {
        GateImpl gate = server.getBean(GateImpl.class);
        gate.reset();
        try (RawConnection greedy = RawConnection.connectAndHandshake(port());
                RawConnection other = RawConnection.connectAndHandshake(port())) {
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int id = 1; id <= LIMIT + 3; id++) {
                requests.writeBytes(ProtocolViolationTests.requestFrame(id, GATE, "pass(int)", "[" + id + "]"));
            }
            greedy.write(requests.toByteArray());
            List<RawConnection.Response> refused = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                refused.add(greedy.readResponse());
            }
            assertThat(refused).allSatisfy((response) -> {
                assertThat(response.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
                assertThat(response.payload()).contains("calls in flight");
                assertThat(response.id()).isGreaterThan(LIMIT);
                assertThat(response.flags() & 0x04).as("NOT_PROCESSED flag").isNotZero();
            });
            assertThat(gate.entered.await(5, TimeUnit.SECONDS)).as("the first calls run").isTrue();
            other.writeRequest(1, GATE, "free(int)", 0, "[7]");
            RawConnection.Response served = other.readResponse();
            assertThat(served.status()).isEqualTo(RpcStatus.OK);
            assertThat(served.payload()).isEqualTo("7");
            gate.open.countDown();
            for (int i = 0; i < LIMIT; i++) {
                RawConnection.Response response = greedy.readResponse();
                assertThat(response.status()).isEqualTo(RpcStatus.OK);
                assertThat(response.id()).isLessThanOrEqualTo(LIMIT);
            }
            greedy.writeRequest(LIMIT + 4, GATE, "pass(int)", 0, "[0]");
            assertThat(greedy.readResponse().status()).as("a call once the others finished").isEqualTo(RpcStatus.OK);
        }
    }

    private static int port() {
        return RpcApplications.port(server);
    }

    /** Holds calls until opened. */
    public interface Gate {

        int pass(int value);

        int free(int value);

    }

    @RpcService
    static class GateImpl implements Gate {

        volatile CountDownLatch open = new CountDownLatch(1);

        volatile CountDownLatch entered = new CountDownLatch(LIMIT);

        void reset() {
            this.open = new CountDownLatch(1);
            this.entered = new CountDownLatch(LIMIT);
        }

        @Override
        public int pass(int value) {
            this.entered.countDown();
            try {
                this.open.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return value;
        }

        @Override
        public int free(int value) {
            return value;
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
