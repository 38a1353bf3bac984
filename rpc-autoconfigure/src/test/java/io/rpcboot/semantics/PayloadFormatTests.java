package io.rpcboot.semantics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload format is agreed per connection: a server reads JSON and Smile and says so
 * in its settings; a client sends Smile (its default) to a server that reads it and JSON
 * to one that does not, or JSON always with {@code rpc.client.payload-format=json}; a
 * response comes in the format of its request when the client announced that it reads it
 * (else in JSON). The raw side of these tests reads and writes Smile with Jackson's own
 * {@link SmileMapper}, independent of rpcboot's.
 */
class PayloadFormatTests {

    private static final SmileMapper SMILE = SmileMapper.builder().build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SHELF = Shelf.class.getName();

    private static final String FIND = "find(java.lang.String,int)";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class);

    @RegisterExtension
    static final RpcPair jsonOnlyPair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class,
            JsonOnlyCodec.class);

    @Test
    void serverAnnouncesJsonAndSmile() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            assertThat(connection.peerPayloadFormats())
                .isEqualTo(RawConnection.FORMAT_JSON | RawConnection.FORMAT_SMILE);
        }
    }

    @Test
    void serverAnswersASmileRequestInSmile() {
        try (RawConnection connection = smileReadingClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, SHELF, FIND, 0,
                    SMILE.writeValueAsBytes(List.of("sku-7", 3)));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.flags() & RawConnection.FLAG_SMILE).isEqualTo(RawConnection.FLAG_SMILE);
            assertThat(SMILE.readValue(response.payloadBytes(), Book.class))
                .isEqualTo(new Book("sku-7", List.of("shelf 3"), 3.5));
        }
    }

    @Test
    void serverAnswersAJsonRequestInJson() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, SHELF, FIND, 0, "[\"sku-7\", 3]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.flags() & RawConnection.FLAG_SMILE).isZero();
            assertThat(JSON.readValue(response.payload(), Book.class))
                .isEqualTo(new Book("sku-7", List.of("shelf 3"), 3.5));
        }
    }

    @Test
    void errorDetailsOfASmileRequestComeInSmile() {
        try (RawConnection connection = smileReadingClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, SHELF, FIND, 0,
                    SMILE.writeValueAsBytes(List.of("", 3)));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.APPLICATION_ERROR);
            assertThat(response.flags() & RawConnection.FLAG_SMILE).isEqualTo(RawConnection.FLAG_SMILE);
            JsonNode error = SMILE.readTree(response.payloadBytes());
            assertThat(error.get("message").asString()).isEqualTo("java.lang.IllegalArgumentException");
        }
    }

    @Test
    void smileArgumentsOfTheWrongShapeAreAnInvalidArgument() {
        try (RawConnection connection = smileReadingClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, SHELF, FIND, 0,
                    SMILE.writeValueAsBytes(java.util.Map.of("sku", "sku-7")));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(SMILE.readTree(response.payloadBytes()).get("message").asString())
                .isEqualTo("arguments must be a Smile array");
        }
    }

    @Test
    void clientAndServerCallEachOtherInSmileByDefault() {
        try (ConfigurableApplicationContext client = RpcApplications.client(pair.server(), "shelf",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            assertThat(client.getBean(Shelf.class).find("sku-9", 12))
                .isEqualTo(new Book("sku-9", List.of("shelf 12"), 3.5));
        }
    }

    @Test
    void clientSendsSmileToAServerThatReadsIt() {
        Book found = findThroughRawServer(RawConnection.FORMAT_JSON | RawConnection.FORMAT_SMILE,
                (connection, request) -> {
                    assertThat(request.flags() & RawConnection.FLAG_SMILE).isEqualTo(RawConnection.FLAG_SMILE);
                    assertThat(SMILE.readTree(request.argumentBytes())).isEqualTo(JSON.readTree("[\"sku-1\", 2]"));
                    connection.writeResponse(request.id(), RawConnection.FLAG_SMILE, RpcStatus.OK,
                            SMILE.writeValueAsBytes(new Book("sku-1", List.of("back room"), 9.25)));
                });
        assertThat(found).isEqualTo(new Book("sku-1", List.of("back room"), 9.25));
    }

    @Test
    void clientSendsJsonToAServerThatReadsOnlyJson() {
        Book found = findThroughRawServer(RawConnection.FORMAT_JSON, (connection, request) -> {
            assertThat(request.flags() & RawConnection.FLAG_SMILE).isZero();
            assertThat(request.arguments()).isEqualTo("[\"sku-1\",2]");
            connection.writeResponse(request.id(), RpcStatus.OK,
                    "{\"sku\":\"sku-1\",\"places\":[\"front\"],\"price\":1.5}");
        });
        assertThat(found).isEqualTo(new Book("sku-1", List.of("front"), 1.5));
    }

    @Test
    void clientConfiguredForJsonSendsJsonEvenToAServerThatReadsSmile() {
        Book found = findThroughRawServer(RawConnection.FORMAT_JSON | RawConnection.FORMAT_SMILE,
                (connection, request) -> {
                    assertThat(request.flags() & RawConnection.FLAG_SMILE).isZero();
                    assertThat(request.arguments()).isEqualTo("[\"sku-1\",2]");
                    connection.writeResponse(request.id(), RpcStatus.OK,
                            "{\"sku\":\"sku-1\",\"places\":[],\"price\":1.5}");
                }, "rpc.client.payload-format=json");
        assertThat(found).isEqualTo(new Book("sku-1", List.of(), 1.5));
    }

    @Test
    void serverWithAJsonOnlyCodecAnnouncesJsonAndRefusesSmile() {
        try (RawConnection connection = RawConnection.connectAndHandshake(jsonOnlyPair.port())) {
            assertThat(connection.peerPayloadFormats()).isEqualTo(RawConnection.FORMAT_JSON);
            connection.writeRequest(1, RawConnection.FLAG_SMILE, SHELF, FIND, 0,
                    SMILE.writeValueAsBytes(List.of("sku-7", 3)));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            assertThat(response.payload()).contains("payload format Smile is not read by this server");
        }
    }

    @Test
    void starterClientTalksJsonWithAJsonOnlyServer() {
        try (ConfigurableApplicationContext client = RpcApplications.client(jsonOnlyPair.server(), "shelf",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            assertThat(client.getBean(Shelf.class).find("sku-9", 1))
                .isEqualTo(new Book("sku-9", List.of("shelf 1"), 3.5));
        }
    }

    /**
     * Calls {@code find("sku-1", 2)} through a starter client whose server is a raw one
     * that announces the given payload formats and answers the request as told.
     */
    private static Book findThroughRawServer(int serverFormats, RawAnswer answer, String... clientProperties) {
        try (RawServer rawServer = new RawServer();
                ConfigurableApplicationContext client = RpcApplications.client(pair.server(), "shelf",
                        new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class },
                        withUrl(rawServer, clientProperties))) {
            CompletableFuture<Book> found = CompletableFuture
                .supplyAsync(() -> client.getBean(Shelf.class).find("sku-1", 2));
            try (RawConnection connection = rawServer.acceptAndHandshake(4 * 1024 * 1024, serverFormats)) {
                answer.answer(connection, connection.readRequest());
                return found.get(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException | ExecutionException | TimeoutException ex) {
                throw new AssertionError("the call through the raw server did not succeed", ex);
            }
        }
    }

    private static String[] withUrl(RawServer rawServer, String... properties) {
        String[] all = Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = "rpc.client.services.shelf.urls=" + rawServer.url();
        return all;
    }

    /**
     * A raw client that announces, as the Java client does, that it reads JSON and Smile.
     */
    private static RawConnection smileReadingClient() {
        RawConnection connection = RawConnection.connect(pair.port());
        connection.writePreface()
            .writeSettings(4 * 1024 * 1024, RawConnection.FORMAT_JSON | RawConnection.FORMAT_SMILE);
        connection.readInt(); // the server's preface
        connection.readUnsignedByte();
        connection.readFrameOfType(RawConnection.SETTINGS);
        return connection;
    }

    @FunctionalInterface
    private interface RawAnswer {

        void answer(RawConnection connection, RawConnection.Request request);

    }

    /**
     * A book on the shelf.
     *
     * @param sku its stock keeping unit
     * @param places where it is
     * @param price its price
     */
    public record Book(String sku, List<String> places, double price) {
    }

    @RpcClient(name = "shelf")
    public interface Shelf {

        Book find(String sku, int shelf);

    }

    @RpcService
    static class ShelfImpl implements Shelf {

        @Override
        public Book find(String sku, int shelf) {
            if (sku.isEmpty()) {
                throw new IllegalArgumentException("no sku");
            }
            return new Book(sku, List.of("shelf " + shelf), 3.5);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        ShelfImpl shelf() {
            return new ShelfImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class JsonOnlyCodec {

        @Bean
        PayloadCodec jsonOnlyPayloadCodec(JsonMapper jsonMapper) {
            return new PayloadCodec(jsonMapper, null);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Shelf.class)
    static class ClientApp {

    }

}
