package io.rpcboot.semantics;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that breaks the protocol loses its connection, and nothing it sent after the
 * violation runs: a malformed frame, a preface that skips the handshake, request ids that
 * are not positive and increasing. Each test also shows that another connection keeps
 * being served.
 */
class ProtocolViolationTests {

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private static final String COUNTER = Counter.class.getName();

    private static final String COUNT = "count()";

    private static final String TOTAL = "total()";

    private static final int GO_AWAY = 5;

    private static final AtomicInteger nextId = new AtomicInteger();

    static ConfigurableApplicationContext server;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.getBean(CounterImpl.class).invocations.set(0);
    }

    @Test
    void requestsHiddenInTheBodyOfAMalformedFrameNeverRun() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection broken = RawConnection.connectAndHandshake(port())) {
            ByteArrayOutputStream hidden = new ByteArrayOutputStream();
            for (int id = 1; id <= 300; id++) {
                hidden.writeBytes(requestFrame(id, COUNTER, COUNT, "[]"));
            }
            // a REQUEST whose service name claims 65535 bytes, more than its frame holds;
            // the
            // frame's bytes after that length are well-formed requests
            byte[] body = new byte[2 + hidden.size()];
            body[0] = (byte) 0xFF;
            body[1] = (byte) 0xFF;
            System.arraycopy(hidden.toByteArray(), 0, body, 2, hidden.size());
            broken.writeFrame(RawConnection.REQUEST, 1, body);
            assertThat(broken.closedByPeerWithin(PROMPTLY)).isTrue();
            assertNoneRunWithin(healthy, Duration.ofSeconds(1));
        }
    }

    @Test
    void prefaceWithVersionZeroIsRefusedAndNothingItSendsRuns() {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection skipping = RawConnection.connect(port())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(new byte[] { 'R', 'P', 'C', 'B', 0, 1, 1 });
            for (int id = 1; id <= 10; id++) {
                bytes.writeBytes(requestFrame(id, COUNTER, COUNT, "[]"));
            }
            skipping.write(bytes.toByteArray());
            assertThat(skipping.closedByPeerWithin(PROMPTLY)).isTrue();
            assertNoneRunWithin(healthy, Duration.ofSeconds(1));
        }
    }

    @Test
    void requestIdZeroIsAProtocolErrorThatEndsTheConnection() {
        assertRefusedWithGoAway(new int[] { 0 }, "request id 0 is not positive");
    }

    @Test
    void negativeRequestIdIsAProtocolErrorThatEndsTheConnection() {
        assertRefusedWithGoAway(new int[] { -5 }, "request id -5 is not positive");
    }

    @Test
    void repeatedRequestIdIsAProtocolErrorThatEndsTheConnection() {
        assertRefusedWithGoAway(new int[] { 7, 7 }, "request id 7 is not greater than the previous request's id 7");
    }

    @Test
    void decreasingRequestIdIsAProtocolErrorThatEndsTheConnection() {
        assertRefusedWithGoAway(new int[] { 7, 3 }, "request id 3 is not greater than the previous request's id 7");
    }

    @Test
    void increasingRequestIdsWithGapsAreServed() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            for (int id : new int[] { 1, 2, 5, 100 }) {
                connection.writeRequest(id, COUNTER, COUNT, 0, "[]");
                RawConnection.Response response = connection.readResponse();
                assertThat(response.id()).isEqualTo(id);
                assertThat(response.status()).isEqualTo(RpcStatus.OK);
            }
        }
    }

    private static void assertRefusedWithGoAway(int[] ids, String reason) {
        try (RawConnection healthy = RawConnection.connectAndHandshake(port());
                RawConnection offender = RawConnection.connectAndHandshake(port())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int id : ids) {
                bytes.writeBytes(requestFrame(id, COUNTER, COUNT, "[]"));
            }
            bytes.writeBytes(requestFrame(Integer.MAX_VALUE, COUNTER, COUNT, "[]"));
            offender.write(bytes.toByteArray());
            RawConnection.RawFrame goAway = offender.readFrameOfType(GO_AWAY);
            String sent = new String(goAway.body(), 2, goAway.body().length - 2, StandardCharsets.UTF_8);
            assertThat(sent).contains(reason);
            assertThat(offender.closedByPeerWithin(PROMPTLY)).isTrue();
            assertThat(invocations(healthy)).as("calls run from the offending connection").isEqualTo(ids.length - 1);
        }
    }

    /**
     * Asks, until the time is up, how many calls ran: the connection's close and the
     * decoding of what was left of its bytes happen on its I/O thread after the peer sees
     * the connection end.
     */
    private static void assertNoneRunWithin(RawConnection healthy, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - deadline < 0) {
            assertThat(invocations(healthy)).as("calls run from the offending connection").isZero();
        }
    }

    /** Returns how many times {@code count()} ran, asked on a well-behaved connection. */
    private static int invocations(RawConnection healthy) {
        healthy.writeRequest(nextId.incrementAndGet(), COUNTER, TOTAL, 0, "[]");
        RawConnection.Response response = healthy.readResponse();
        assertThat(response.status()).isEqualTo(RpcStatus.OK);
        return Integer.parseInt(response.payload());
    }

    static byte[] requestFrame(int id, String service, String method, String arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            byte[] serviceBytes = service.getBytes(StandardCharsets.UTF_8);
            byte[] methodBytes = method.getBytes(StandardCharsets.UTF_8);
            byte[] payload = arguments.getBytes(StandardCharsets.UTF_8);
            out.writeInt(RawConnection.HEADER_AFTER_LENGTH + 2 + serviceBytes.length + 2 + methodBytes.length + 4 + 2
                    + payload.length);
            out.writeByte(RawConnection.REQUEST);
            out.writeByte(0);
            out.writeInt(id);
            out.writeShort(serviceBytes.length);
            out.write(serviceBytes);
            out.writeShort(methodBytes.length);
            out.write(methodBytes);
            out.writeInt(0);
            out.writeShort(0);
            out.write(payload);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return bytes.toByteArray();
    }

    private static int port() {
        return RpcApplications.port(server);
    }

    /**
     * Counts its invocations; runs on the I/O thread, so a call runs as soon as its frame
     * is read.
     */
    public interface Counter {

        @RpcMethod(blocking = false)
        int count();

        @RpcMethod(blocking = false)
        int total();

    }

    @RpcService
    static class CounterImpl implements Counter {

        final AtomicInteger invocations = new AtomicInteger();

        @Override
        public int count() {
            return this.invocations.incrementAndGet();
        }

        @Override
        public int total() {
            return this.invocations.get();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        CounterImpl counter() {
            return new CounterImpl();
        }

    }

}
