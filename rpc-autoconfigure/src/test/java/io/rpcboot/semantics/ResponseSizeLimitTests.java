package io.rpcboot.semantics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response respects the limit the client announced in its SETTINGS: an error whose
 * message does not fit comes with the message cut (and saying so), a result that does not
 * fit fails that call with RESOURCE_EXHAUSTED, and the connection goes on.
 */
class ResponseSizeLimitTests {

    private static final int CLIENT_LIMIT = 1000;

    private static final String ECHOES = Echoes.class.getName();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class);

    @Test
    void errorMessageTooLongForTheClientIsCutToFitAndSaysSo() {
        String text = "x".repeat(2000);
        try (RawConnection connection = connectWithLimit()) {
            connection.writeRequest(1, ECHOES, "refuse(java.lang.String)", 0, "[\"" + text + "\"]");
            RawConnection.RawFrame frame = connection.readFrameOfType(RawConnection.RESPONSE);
            assertThat(RawConnection.HEADER_AFTER_LENGTH + frame.body().length).isLessThanOrEqualTo(CLIENT_LIMIT);
            String payload = new String(frame.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(payload).contains("refused: xxxx").contains("xxx [truncated]").contains(Refused.class.getName());
            assertStillServed(connection, 2);
        }
    }

    @Test
    void resultTooLargeForTheClientFailsThatCallOnly() {
        try (RawConnection connection = connectWithLimit()) {
            connection.writeRequest(1, ECHOES, "repeat(int)", 0, "[2000]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(1);
            assertThat(response.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(response.payload()).contains("over the client's limit of 1000 bytes");
            assertStillServed(connection, 2);
        }
    }

    private static void assertStillServed(RawConnection connection, int id) {
        connection.writeRequest(id, ECHOES, "repeat(int)", 0, "[3]");
        RawConnection.Response response = connection.readResponse();
        assertThat(response.status()).isEqualTo(RpcStatus.OK);
        assertThat(response.payload()).isEqualTo("\"xxx\"");
    }

    private static RawConnection connectWithLimit() {
        RawConnection connection = RawConnection.connect(pair.port());
        connection.writePreface().writeSettings(CLIENT_LIMIT);
        connection.readInt(); // the server's preface: magic and version
        connection.readUnsignedByte();
        connection.readFrameOfType(RawConnection.SETTINGS);
        return connection;
    }

    /** A declared exception: its message always travels. */
    public static class Refused extends Exception {

        public Refused(String message) {
            super(message);
        }

    }

    /** Answers as long as asked. */
    public interface Echoes {

        String refuse(String text) throws Refused;

        String repeat(int count);

    }

    @RpcService
    static class EchoesImpl implements Echoes {

        @Override
        public String refuse(String text) throws Refused {
            throw new Refused("refused: " + text);
        }

        @Override
        public String repeat(int count) {
            return "x".repeat(count);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        EchoesImpl echoes() {
            return new EchoesImpl();
        }

    }

}
