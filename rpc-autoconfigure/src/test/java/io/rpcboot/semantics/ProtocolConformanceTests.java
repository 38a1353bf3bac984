package io.rpcboot.semantics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/protocol.md's conformance section promises, checked as a third-party client
 * sees it over a raw socket: the minimal client's sequence, SETTINGS first and once, PING
 * bodies of exactly 8 bytes, an empty payload as no arguments, answers only in the
 * formats the client announced, and a client's GO_AWAY as its clean goodbye.
 */
class ProtocolConformanceTests {

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private static final int GO_AWAY = 5;

    private static final String LEDGER = Ledger.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext server;

    static LedgerImpl ledger;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        ledger = server.getBean(LedgerImpl.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        ledger.entries.set(0);
        ledger.counted.set(0);
        ledger.release = new CountDownLatch(1);
        ledger.started = new CountDownLatch(1);
        ledger.interrupted = new CountDownLatch(1);
    }

    @Test
    void minimalClientSequence() {
        try (RawConnection connection = RawConnection.connect(port())) {
            connection.writePreface().writeSettings(1 << 20, RawConnection.FORMAT_JSON);
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            assertThat(connection.readFrame().type()).isEqualTo(RawConnection.SETTINGS);
            connection.writeRequest(1, LEDGER, "add(java.lang.String,int)", 1000, "[\"rent\",2]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(1);
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("\"rent x2\"");
        }
    }

    @Test
    void requestBeforeSettingsIsAProtocolErrorAndDoesNotRun() {
        try (RawConnection connection = RawConnection.connect(port())) {
            connection.writePreface();
            connection.writeRequest(1, LEDGER, "count()", 0, "[]");
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            assertGoAwayAndClose(connection, "the first frame after the preface must be SETTINGS, got REQUEST");
        }
        assertThat(ledger.counted.get()).as("calls of count()").isZero();
    }

    @Test
    void pingBeforeSettingsIsAProtocolError() {
        try (RawConnection connection = RawConnection.connect(port())) {
            connection.writePreface();
            connection.writeFrame(RawConnection.PING, 0, new byte[8]);
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            assertGoAwayAndClose(connection, "the first frame after the preface must be SETTINGS, got PING");
        }
    }

    @Test
    void secondSettingsIsAProtocolError() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeSettings(1 << 20);
            assertGoAwayAndClose(connection, "SETTINGS may be sent once");
        }
    }

    @Test
    void pingOfEightBytesIsAnsweredWithTheSameBytes() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            byte[] data = { 1, 2, 3, 4, 5, 6, 7, 8 };
            connection.writeFrame(RawConnection.PING, 0, data);
            RawConnection.RawFrame pong = connection.readFrameOfType(RawConnection.PING);
            assertThat(pong.flags() & 0x01).as("ACK flag").isEqualTo(1);
            assertThat(pong.body()).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 3, 9, 10 })
    void pingWhoseBodyIsNotEightBytesIsAProtocolError(int length) {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeFrame(RawConnection.PING, 0, new byte[length]);
            assertGoAwayAndClose(connection, "PING body must be 8 bytes, got " + length);
        }
    }

    @Test
    void emptyPayloadCallsAMethodWithoutParameters() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, 0, LEDGER, "count()", 0, new byte[0]);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("0");
        }
    }

    @Test
    void emptyPayloadForAMethodWithParametersIsAnInvalidArgument() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, 0, LEDGER, "add(java.lang.String,int)", 0, new byte[0]);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(message(response))
                .isEqualTo("expected 2 arguments for add(java.lang.String,int), got an empty payload");
        }
    }

    @Test
    void requestWronglyFlaggedSmileFromAJsonOnlyClientIsAnsweredInJson() {
        try (RawConnection connection = jsonOnlyClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, LEDGER, "add(java.lang.String,int)", 0,
                    "[\"rent\",2]".getBytes(StandardCharsets.UTF_8));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(response.flags() & RawConnection.FLAG_SMILE).as("Smile flag").isZero();
            assertThat(message(response)).isEqualTo("arguments must be a Smile array");
        }
    }

    @Test
    void smileRequestFromAJsonOnlyClientIsAnsweredInJson() {
        byte[] smile = SmileMapper.builder().build().writeValueAsBytes(new Object[] { "rent", 2 });
        try (RawConnection connection = jsonOnlyClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, LEDGER, "add(java.lang.String,int)", 0, smile);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.flags() & RawConnection.FLAG_SMILE).as("Smile flag").isZero();
            assertThat(response.payload()).isEqualTo("\"rent x2\"");
        }
    }

    @Test
    void clientGoAwayEndsTheConnectionOnceItsCallsAreAnswered() throws InterruptedException {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "await()", 0, "[]");
            assertThat(ledger.started.await(5, TimeUnit.SECONDS)).as("the call started").isTrue();
            connection.writeFrame(GO_AWAY, 0, str16("done"));
            ledger.release.countDown();
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(1);
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(connection.closedByPeerWithin(PROMPTLY)).isTrue();
        }
    }

    @Test
    void closingTheSocketWithACallInFlightInterruptsIt() throws InterruptedException {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "await()", 0, "[]");
            assertThat(ledger.started.await(5, TimeUnit.SECONDS)).as("the call started").isTrue();
        }
        assertThat(ledger.interrupted.await(5, TimeUnit.SECONDS)).as("the call was interrupted").isTrue();
    }

    @Test
    void requestAfterTheClientsGoAwayIsAProtocolError() throws InterruptedException {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "await()", 0, "[]");
            assertThat(ledger.started.await(5, TimeUnit.SECONDS)).as("the call started").isTrue();
            connection.writeFrame(GO_AWAY, 0, str16("done"));
            connection.writeRequest(2, LEDGER, "count()", 0, "[]");
            assertGoAwayAndClose(connection, "request id 2 came after the client's GO_AWAY");
        }
        finally {
            ledger.release.countDown();
        }
    }

    @Test
    void declaredExceptionSendsItsMessageAndTypesAndNoClassNameInTheMessage() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "withdraw(int)", 0, "[500]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.APPLICATION_ERROR);
            JsonNode error = JSON.readTree(response.payloadBytes());
            assertThat(error.get("message").asString()).isEqualTo("only 100 left");
            assertThat(error.get("exception").asString()).isEqualTo(Overdrawn.class.getName());
            assertThat(error.get("remoteType").asString()).isEqualTo(Overdrawn.class.getName());
        }
    }

    @Test
    void undeclaredExceptionIsNamedAndItsAbsentKeysAreLeftOut() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "withdraw(int)", 0, "[-1]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.APPLICATION_ERROR);
            assertThat(response.payload()).isEqualTo("{\"message\":\"java.lang.IllegalArgumentException\","
                    + "\"remoteType\":\"java.lang.IllegalArgumentException\"}");
            connection.writeRequest(2, LEDGER, "nothing()", 0, "[]");
            assertThat(connection.readResponse().payload())
                .isEqualTo("{\"message\":\"no method nothing() in service " + LEDGER + "\"}");
        }
    }

    @Test
    void responseMetadataIsWhatServerInterceptorsAdd() {
        try (RawConnection connection = RawConnection.connectAndHandshake(port())) {
            connection.writeRequest(1, LEDGER, "count()", 0, "[]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.metadata()).containsExactly(Map.entry("served-by", "ledger-1"));
        }
    }

    private static RawConnection jsonOnlyClient() {
        RawConnection connection = RawConnection.connect(port());
        connection.writePreface().writeSettings(1 << 20, RawConnection.FORMAT_JSON);
        connection.readInt();
        connection.readUnsignedByte();
        connection.readFrameOfType(RawConnection.SETTINGS);
        return connection;
    }

    private static void assertGoAwayAndClose(RawConnection connection, String reason) {
        RawConnection.RawFrame goAway = connection.readFrameOfType(GO_AWAY);
        ByteBuffer body = ByteBuffer.wrap(goAway.body());
        int length = Short.toUnsignedInt(body.getShort());
        assertThat(new String(goAway.body(), 2, length, StandardCharsets.UTF_8)).contains(reason);
        assertThat(connection.closedByPeerWithin(PROMPTLY)).isTrue();
    }

    private static String message(RawConnection.Response response) {
        JsonNode error = JSON.readTree(response.payloadBytes());
        return error.get("message").asString();
    }

    private static byte[] str16(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static int port() {
        return RpcApplications.port(server);
    }

    public interface Ledger {

        String add(String entry, int times);

        int count();

        String await();

        void withdraw(int amount) throws Overdrawn;

    }

    public static class Overdrawn extends Exception {

        public Overdrawn(String message) {
            super(message);
        }

    }

    @RpcService
    static class LedgerImpl implements Ledger {

        final AtomicInteger entries = new AtomicInteger();

        final AtomicInteger counted = new AtomicInteger();

        volatile CountDownLatch started = new CountDownLatch(1);

        volatile CountDownLatch release = new CountDownLatch(1);

        volatile CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String add(String entry, int times) {
            this.entries.addAndGet(times);
            return entry + " x" + times;
        }

        @Override
        public int count() {
            this.counted.incrementAndGet();
            return this.entries.get();
        }

        @Override
        public void withdraw(int amount) throws Overdrawn {
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount " + amount);
            }
            throw new Overdrawn("only 100 left");
        }

        @Override
        public String await() {
            this.started.countDown();
            try {
                return this.release.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
            }
            catch (InterruptedException ex) {
                this.interrupted.countDown();
                return "interrupted";
            }
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        LedgerImpl ledger() {
            return new LedgerImpl();
        }

        @Bean
        RpcServerInterceptor servedBy() {
            return (call, next) -> {
                call.responseMetadata().put("served-by", "ledger-1");
                return next.proceed();
            };
        }

    }

}
