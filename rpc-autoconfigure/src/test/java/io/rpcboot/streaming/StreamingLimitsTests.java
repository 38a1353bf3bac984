package io.rpcboot.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The limits of a connection apply to streams: the message size limit to each stream
 * message, in both directions, before a byte of an oversized message is sent or buffered;
 * and each open stream counts as one call against the server's per-connection limit until
 * it ends.
 */
class StreamingLimitsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int LIMIT = 16 * 1024;

    private static final int MESSAGE = 7;

    private static final int CREDIT = 8;

    private static final int FLAG_STREAM = 0x08;

    private static final int FLAG_NOT_PROCESSED = 0x04;

    private static final String PIPE = Pipe.class.getName();

    @RegisterExtension
    static final RpcPair pair = StreamingApplications.pipePair()
        .serverProperties("rpc.server.max-message-size=" + LIMIT, "rpc.server.max-concurrent-calls-per-connection=2")
        .clientProperties("rpc.client.max-message-size=" + LIMIT);

    private final Pipe pipe = pair.clientBean(Pipe.class);

    private final PipeService service = pair.serverBean(PipeService.class);

    @Test
    void streamElementOverTheServersLimitFailsTheStreamLocallyWithResourceExhausted() {
        Flux<String> texts = Flux.just("x".repeat(10), "x".repeat(LIMIT + 1), "x".repeat(10));
        Throwable thrown = catchThrowable(() -> this.pipe.lengths(texts).collectList().block(WAIT));
        assertThat(thrown).isInstanceOfSatisfying(RpcException.class, (ex) -> {
            assertThat(ex.getStatus()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(ex.getMessage()).contains("over the server's limit of " + LIMIT + " bytes");
        });
        assertThat(this.pipe.lengths(Flux.just("abc")).collectList().block(WAIT)).containsExactly(3);
    }

    @Test
    void resultElementOverTheClientsLimitEndsTheStreamWithResourceExhausted() throws Exception {
        Throwable thrown = catchThrowable(() -> this.pipe.texts("big", LIMIT + 1).collectList().block(WAIT));
        assertThat(thrown).isInstanceOfSatisfying(RpcException.class, (ex) -> {
            assertThat(ex.getStatus()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(ex.getMessage()).contains("over the client's limit of " + LIMIT + " bytes");
        });
        assertThat(this.service.cancelled("big").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(this.pipe.texts("small", 10).take(3).collectList().block(WAIT)).hasSize(3);
    }

    @Test
    void serverRefusesAnOversizedStreamMessageBeforeReadingItsBody() {
        try (RawConnection connection = streamingConnection()) {
            connection.writeRequest(1, FLAG_STREAM, PIPE, "lengths(reactor.core.publisher.Flux)", 0, json("[null]"));
            connection.writeFrame(CREDIT, 1, credit(10)); // the results' demand reaches
                                                          // the argument
            assertThat(connection.readFrame().type()).isEqualTo(CREDIT);
            connection.writeFrameHeader(LIMIT + 1, MESSAGE, 1); // and no body
            RawConnection.Response response = connection.readResponse();
            assertThat(response.id()).isEqualTo(1);
            assertThat(response.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(response.payload()).contains("over the limit of " + LIMIT + " bytes");
            assertThat(connection.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void clientRefusesAnOversizedStreamMessageBeforeReadingItsBody() {
        try (RawServer server = new RawServer();
                ConfigurableApplicationContext client = new SpringApplicationBuilder(AutoConfiguredApplication.class,
                        StreamingApplications.PipeClient.class)
                    .web(WebApplicationType.NONE)
                    .properties("rpc.client.services.pipe.urls=" + server.url(), "rpc.client.max-message-size=" + LIMIT)
                    .run()) {
            CompletableFuture<List<String>> texts = client.getBean(Pipe.class)
                .texts("raw", 10)
                .collectList()
                .toFuture();
            RawConnection connection = server.acceptAndHandshakeStreaming(4 * 1024 * 1024);
            RawConnection.Request request = connection.readRequest();
            connection.writeFrame(MESSAGE, request.id(), json("\"abc\""));
            connection.writeFrameHeader(LIMIT + 1, MESSAGE, request.id()); // and no body
            Throwable thrown = catchThrowable(() -> texts.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(thrown).cause().isInstanceOfSatisfying(RpcException.class, (ex) -> {
                assertThat(ex.getStatus()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
                assertThat(ex.getMessage()).contains("over the client's limit of " + LIMIT + " bytes");
            });
            assertThat(connection.closedByPeerWithin(WAIT)).isTrue();
        }
    }

    @Test
    void openStreamsCountAgainstTheConnectionsCallLimitUntilTheyEnd() {
        try (RawConnection connection = streamingConnection()) {
            openTexts(connection, 1);
            openTexts(connection, 3);
            connection.writeRequest(5, FLAG_STREAM, PIPE, "texts(java.lang.String,int)", 0, json("[\"c\",1]"));
            RawConnection.Response refused = connection.readResponse();
            assertThat(refused.id()).isEqualTo(5);
            assertThat(refused.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(refused.flags() & FLAG_NOT_PROCESSED).isEqualTo(FLAG_NOT_PROCESSED);
            connection.writeFrame(RawConnection.CANCEL, 1, new byte[0]);
            openTexts(connection, 7);
        }
    }

    @Test
    void clientHoldsAStreamBeyondTheServersLimitUntilAnOpenStreamEnds() throws Exception {
        Holder first = new Holder();
        Holder second = new Holder();
        this.pipe.texts("held-1", 1).subscribe(first);
        this.pipe.texts("held-2", 1).subscribe(second);
        first.element.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.element.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<List<String>> third = this.pipe.texts("held-3", 1).take(2).collectList().toFuture();
        assertThat(third).isNotDone();
        first.dispose();
        assertThat(third.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(2);
        second.dispose();
    }

    private static void openTexts(RawConnection connection, int id) {
        connection.writeRequest(id, FLAG_STREAM, PIPE, "texts(java.lang.String,int)", 0, json("[\"raw" + id + "\",1]"));
        connection.writeFrame(CREDIT, id, credit(1));
        RawConnection.RawFrame message = connection.readFrame();
        assertThat(message.type()).isEqualTo(MESSAGE);
        assertThat(message.id()).isEqualTo(id);
    }

    private static RawConnection streamingConnection() {
        RawConnection connection = RawConnection.connect(pair.port());
        connection.writePreface();
        connection.writeStreamingSettings(4 * 1024 * 1024);
        connection.readInt();
        connection.readUnsignedByte();
        connection.readFrame();
        return connection;
    }

    private static byte[] credit(int count) {
        return ByteBuffer.allocate(4).putInt(count).array();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Asks for one element and keeps the stream open. */
    static class Holder extends BaseSubscriber<String> {

        final CompletableFuture<String> element = new CompletableFuture<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(String value) {
            this.element.complete(value);
        }

    }

}
