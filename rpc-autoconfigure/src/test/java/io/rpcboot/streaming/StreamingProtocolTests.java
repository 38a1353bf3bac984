package io.rpcboot.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream calls byte by byte (docs/protocol.md, Streams): the server announces STREAMING,
 * a unary REQUEST for a streaming method (from a client that does not know streams) is
 * answered INVALID_ARGUMENT instead of leaving it waiting, and a stream call sends no
 * more MESSAGEs than the client granted in CREDIT frames.
 */
class StreamingProtocolTests {

    private static final int MESSAGE = 7;

    private static final int CREDIT = 8;

    private static final int FLAG_STREAM = 0x08;

    private static final int SETTING_STREAMING = 4;

    private static final String TICKER = Ticker.class.getName();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class,
            StreamingApplications.TickerServer.class);

    @Test
    void serverAnnouncesStreaming() {
        try (RawConnection connection = connect(false)) {
            assertThat(connection.readInt()).isEqualTo(RawConnection.MAGIC);
            assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
            RawConnection.RawFrame settings = connection.readFrame();
            assertThat(settings.type()).isEqualTo(RawConnection.SETTINGS);
            ByteBuffer entries = ByteBuffer.wrap(settings.body());
            int streaming = 0;
            while (entries.remaining() >= 6) {
                int key = entries.getShort() & 0xFFFF;
                int value = entries.getInt();
                if (key == SETTING_STREAMING) {
                    streaming = value;
                }
            }
            assertThat(streaming).isEqualTo(1);
        }
    }

    @Test
    void unaryRequestForAStreamingMethodFromAClientWithoutStreamsIsInvalidArgument() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, TICKER, "count(int)", 0, "[3]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(response.payload()).contains("count(int) streams")
                .contains("STREAM flag")
                .contains("this client did not announce STREAMING in its SETTINGS");
        }
    }

    @Test
    void streamRequestForAUnaryMethodIsInvalidArgument() {
        try (RawConnection connection = handshake()) {
            connection.writeRequest(1, FLAG_STREAM, TICKER, "hello(java.lang.String)", 0,
                    "[\"x\"]".getBytes(StandardCharsets.UTF_8));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(response.payload()).contains("does not stream");
        }
    }

    @Test
    void serverSendsNoMoreMessagesThanGranted() {
        try (RawConnection connection = handshake()) {
            connection.writeRequest(1, FLAG_STREAM, TICKER, "count(int)", 0, "[3]".getBytes(StandardCharsets.UTF_8));
            connection.writeFrame(CREDIT, 1, credit(2));
            assertThat(message(connection.readFrame())).isEqualTo("0");
            assertThat(message(connection.readFrame())).isEqualTo("1");
            // the third message waits for credit: a ping's answer comes first
            connection.writeFrame(RawConnection.PING, 0, new byte[8]);
            assertThat(connection.readFrame().type()).isEqualTo(RawConnection.PING);
            connection.writeFrame(CREDIT, 1, credit(5));
            assertThat(message(connection.readFrame())).isEqualTo("2");
            RawConnection.Response end = connection.readResponse();
            assertThat(end.id()).isEqualTo(1);
            assertThat(end.status()).isEqualTo(RpcStatus.OK);
            assertThat(end.payloadBytes()).isEmpty();
        }
    }

    @Test
    void clientStreamEndsWithEndOfStream() {
        try (RawConnection connection = handshake()) {
            connection.writeRequest(1, FLAG_STREAM, TICKER, "sum(reactor.core.publisher.Flux)", 0,
                    "[null]".getBytes(StandardCharsets.UTF_8));
            RawConnection.RawFrame granted = connection.readFrame();
            assertThat(granted.type()).isEqualTo(CREDIT);
            assertThat(ByteBuffer.wrap(granted.body()).getInt()).isPositive();
            connection.writeFrame(MESSAGE, 1, "40".getBytes(StandardCharsets.UTF_8));
            connection.writeFrame(MESSAGE, 1, "2".getBytes(StandardCharsets.UTF_8));
            connection.writeFrame(MESSAGE, 0x01, 1, new byte[0]);
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("42");
        }
    }

    private static RawConnection handshake() {
        RawConnection connection = connect(true);
        connection.readInt();
        connection.readUnsignedByte();
        connection.readFrame();
        return connection;
    }

    private static RawConnection connect(boolean streaming) {
        RawConnection connection = RawConnection.connect(pair.port());
        connection.writePreface();
        ByteBuffer settings = ByteBuffer.allocate(streaming ? 12 : 6);
        settings.putShort((short) 1).putInt(4 * 1024 * 1024);
        if (streaming) {
            settings.putShort((short) SETTING_STREAMING).putInt(1);
        }
        connection.writeFrame(RawConnection.SETTINGS, 0, settings.array());
        return connection;
    }

    private static byte[] credit(int count) {
        return ByteBuffer.allocate(4).putInt(count).array();
    }

    private static String message(RawConnection.RawFrame frame) {
        assertThat(frame.type()).isEqualTo(MESSAGE);
        assertThat(frame.id()).isEqualTo(1);
        return new String(frame.body(), StandardCharsets.UTF_8);
    }

}
