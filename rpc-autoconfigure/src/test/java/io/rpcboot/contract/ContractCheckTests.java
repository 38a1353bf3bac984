package io.rpcboot.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.actuate.RpcEndpoint;
import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.contract.ContractJson;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run-time contract check: a client asks each server it connects to for the
 * description of the services it calls (DESCRIBE, answered by DESCRIPTION), compares it
 * with its interfaces, and warns about or fails the incompatible methods. {@code warn}
 * delays no call; {@code fail} sends none before the description is judged. A server that
 * does not announce DESCRIBE is not asked.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContractCheckTests {

    static final int DESCRIBE = 9;

    static final int DESCRIPTION = 10;

    static final int SETTING_DESCRIBE = 5;

    static final String EXPOSE_RPC = "management.endpoints.web.exposure.include=rpc";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("catalog", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties(EXPOSE_RPC);

    @Test
    void serverAnswersDescribeWithTheContractOfTheServicesItExports() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeFrame(DESCRIBE, 7, describeBody(Catalog.class.getName(), "com.example.Unknown"));
            RawConnection.RawFrame description = connection.readFrameOfType(DESCRIPTION);
            assertThat(description.id()).isEqualTo(7);
            Contract contract = ContractJson.read(new String(description.body(), StandardCharsets.UTF_8));
            assertThat(contract.services()).containsOnlyKeys(Catalog.class.getName());
            assertThat(contract.services().get(Catalog.class.getName()).methods())
                .containsOnlyKeys("stock(java.lang.String)", "name(java.lang.String)", "touch(java.lang.String)");
            // the connection still takes calls
            connection.writeRequest(1, Catalog.class.getName(), "name(java.lang.String)", 0, "[\"a\"]");
            assertThat(connection.readResponse().payload()).isEqualTo("\"name of a\"");
        }
    }

    @Test
    void clientOfACompatibleServerReportsItCompatibleAndWarnsAboutNothing(CapturedOutput output) {
        assertThat(pair.clientBean(Catalog.class).name("b")).isEqualTo("name of b");
        JsonNode check = awaitCheck(pair.client(), (endpoint) -> endpoint.has("status"));
        assertThat(check.path("mode").asString()).isEqualTo("warn");
        JsonNode endpoint = check.path("endpoints").path("rpc://127.0.0.1:" + pair.port());
        assertThat(endpoint.path("status").asString()).isEqualTo("compatible");
        assertThat(output.getOut()).doesNotContain("is incompatible with the server's");
    }

    @Test
    void warnLogsOneLinePerIncompatibleMethodAndTheFirstCallDoesNotWaitForTheDescription(CapturedOutput output) {
        try (ClientOfRawServer client = new ClientOfRawServer()) {
            CompletableFuture<Integer> stock = CompletableFuture.supplyAsync(() -> client.catalog().stock("a"));
            try (RawConnection connection = client.accept(true)) {
                RawConnection.RawFrame describe = readDescribe(connection);
                assertThat(describedServices(describe.body())).containsExactly(Catalog.class.getName());
                // the call is written, and answered, while the description is still to
                // come
                RawConnection.Request request = connection.readRequest();
                assertThat(request.method()).isEqualTo("stock(java.lang.String)");
                connection.writeResponse(request.id(), RpcStatus.OK, "5");
                assertThat(stock).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(5);
                connection.writeFrame(DESCRIPTION, describe.id(), nextDescription());
                String prefix = "Service 'catalog' at " + client.url() + ": " + Catalog.class.getName() + ".";
                awaitLines(output, prefix, 2);
                assertThat(lines(output, prefix)).containsExactlyInAnyOrder(
                        prefix + "stock(java.lang.String) is incompatible with the server's: result type widened "
                                + "(result: integer (int32) now integer (int64)); calls to it are sent "
                                + "(rpc.client.contract-check=warn)",
                        prefix + "touch(java.lang.String) is incompatible with the server's: method removed; "
                                + "calls to it are sent (rpc.client.contract-check=warn)");
                assertThat(output.getOut().lines().filter((line) -> line.contains(prefix)))
                    .allMatch((line) -> line.contains("WARN"));
                JsonNode endpoint = awaitCheck(client.context(), (checked) -> checked.has("status")).path("endpoints")
                    .path(client.url());
                assertThat(endpoint.path("status").asString()).isEqualTo("incompatible");
                assertThat(endpoint.path("incompatibleMethods")
                    .path(Catalog.class.getName() + ".touch(java.lang.String)")
                    .get(0)
                    .asString()).isEqualTo("method removed");
                // warn sends the calls of incompatible methods
                CompletableFuture<Integer> again = CompletableFuture.supplyAsync(() -> client.catalog().stock("a"));
                RawConnection.Request second = connection.readRequest();
                assertThat(second.method()).isEqualTo("stock(java.lang.String)");
                connection.writeResponse(second.id(), RpcStatus.OK, "6");
                assertThat(again).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(6);
            }
        }
    }

    @Test
    void failFailsTheCallsOfIncompatibleMethodsWithNotFoundAndNeverSendsThem() {
        try (ClientOfRawServer client = new ClientOfRawServer("rpc.client.services.catalog.contract-check=fail")) {
            Catalog catalog = client.catalog();
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> catalog.name("a"));
            try (RawConnection connection = client.accept(true)) {
                RawConnection.RawFrame describe = readDescribe(connection);
                connection.writeFrame(DESCRIPTION, describe.id(), nextDescription());
                // a compatible call made before the description goes out once it came
                RawConnection.Request request = connection.readRequest();
                assertThat(request.method()).isEqualTo("name(java.lang.String)");
                connection.writeResponse(request.id(), RpcStatus.OK, "\"name of a\"");
                assertThat(name).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of a");
                assertThatExceptionOfType(RpcException.class).isThrownBy(() -> catalog.stock("a"))
                    .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.NOT_FOUND))
                    .withMessageContaining(Catalog.class.getName() + ".stock(java.lang.String) was not sent")
                    .withMessageContaining("result type widened (result: integer (int32) now integer (int64))")
                    .withMessageContaining("rpc.client.contract-check=fail");
                // compatible methods are still sent, and the refused call never was
                CompletableFuture<String> again = CompletableFuture.supplyAsync(() -> catalog.name("b"));
                RawConnection.Request next = connection.readRequest();
                assertThat(next.method()).isEqualTo("name(java.lang.String)");
                connection.writeResponse(next.id(), RpcStatus.OK, "\"name of b\"");
                assertThat(again).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of b");
            }
        }
    }

    @Test
    void failSendsNoCallBeforeTheDescriptionArrives() throws Exception {
        try (ClientOfRawServer client = new ClientOfRawServer("rpc.client.services.catalog.contract-check=fail")) {
            Catalog catalog = client.catalog();
            // the first call opens the connection
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> catalog.name("a"));
            try (RawConnection connection = client.accept(true)) {
                RawConnection.RawFrame describe = readDescribe(connection);
                // a call to an incompatible method, made while the description is late:
                // once its thread waits, it either waits for the description or was sent
                FutureTask<Integer> stock = new FutureTask<>(() -> catalog.stock("a"));
                Thread caller = new Thread(stock, "stock-caller");
                caller.start();
                awaitWaiting(caller);
                connection.writeFrame(DESCRIPTION, describe.id(), nextDescription());
                assertThat(stock).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class,
                            (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.NOT_FOUND))
                    .withMessageContaining(Catalog.class.getName() + ".stock(java.lang.String) was not sent");
                // the server receives the compatible calls only: stock's never came
                RawConnection.Request first = connection.readRequest();
                assertThat(first.method()).isEqualTo("name(java.lang.String)");
                connection.writeResponse(first.id(), RpcStatus.OK, "\"name of a\"");
                assertThat(name).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of a");
                CompletableFuture<String> again = CompletableFuture.supplyAsync(() -> catalog.name("b"));
                RawConnection.Request second = connection.readRequest();
                assertThat(second.method()).isEqualTo("name(java.lang.String)");
                connection.writeResponse(second.id(), RpcStatus.OK, "\"name of b\"");
                assertThat(again).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of b");
            }
        }
    }

    @Test
    void descriptionLargerThanTheClientReadsIsReportedNotCheckedAndCallsGoOnTheConnection(CapturedOutput output) {
        try (RawServer server = new RawServer();
                ConfigurableApplicationContext client = pair.startClient(
                        "rpc.client.services.catalog.urls=" + server.url(),
                        "rpc.client.services.catalog.contract-check=fail", "rpc.client.max-message-size=16KB")) {
            Catalog catalog = client.getBean(Catalog.class);
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> catalog.name("a"));
            try (RawConnection connection = server.acceptWithoutSettings()) {
                connection.writeFrame(RawConnection.SETTINGS, 0, settingsBody(true));
                RawConnection.RawFrame describe = connection.readFrame();
                assertThat(describe.type()).isEqualTo(DESCRIBE);
                connection.writeFrame(DESCRIPTION, describe.id(), new byte[64 * 1024]);
                // the call goes out on the same connection, after the skipped description
                RawConnection.Request request = connection.readRequest();
                assertThat(request.method()).isEqualTo("name(java.lang.String)");
                connection.writeResponse(request.id(), RpcStatus.OK, "\"name of a\"");
                assertThat(name).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of a");
                CompletableFuture<String> again = CompletableFuture.supplyAsync(() -> catalog.name("b"));
                RawConnection.Request second = connection.readRequest();
                connection.writeResponse(second.id(), RpcStatus.OK, "\"name of b\"");
                assertThat(again).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of b");
            }
            JsonNode endpoint = awaitCheck(client, (check) -> check.has("status")).path("endpoints").path(server.url());
            assertThat(endpoint.path("status").asString()).isEqualTo("unknown");
            assertThat(endpoint.path("reason").asString()).contains("raise rpc.client.max-message-size");
            assertThat(lines(output, "contract not checked")).singleElement()
                .asString()
                .contains("is over the client's limit of 16384 bytes", "rpc.client.max-message-size");
        }
    }

    @Test
    void failWaitsForTheDescriptionWithinTheCallsDeadlineAndTheHandshakeTimeout() {
        try (ClientOfRawServer client = new ClientOfRawServer("rpc.client.services.catalog.contract-check=fail",
                "rpc.client.services.catalog.timeout=500ms", "rpc.client.connect-timeout=2s")) {
            Catalog catalog = client.catalog();
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> catalog.name("a"));
            try (RawConnection connection = client.accept(true)) {
                readDescribe(connection);
                // the server never answers: the call fails at its deadline, and the
                // connection attempt as a handshake that did not finish
                assertThat(name).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class,
                            (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED));
                assertThat(connection.closedByPeerWithin(Duration.ofSeconds(5))).isTrue();
            }
        }
    }

    @Test
    void warnReportsAResultThatBecameAStream(CapturedOutput output) {
        try (ClientOfRawServer client = new ClientOfRawServer()) {
            CompletableFuture<Integer> stock = CompletableFuture.supplyAsync(() -> client.catalog().stock("a"));
            try (RawConnection connection = client.accept(true)) {
                RawConnection.RawFrame describe = readDescribe(connection);
                connection.writeFrame(DESCRIPTION, describe.id(), descriptionAsCatalog(CatalogStreaming.class));
                RawConnection.Request request = connection.readRequest();
                connection.writeResponse(request.id(), RpcStatus.OK, "5");
                assertThat(stock).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(5);
                String prefix = "Service 'catalog' at " + client.url() + ": " + Catalog.class.getName() + ".";
                awaitLines(output, prefix, 1);
                assertThat(lines(output, prefix)).containsExactly(
                        prefix + "name(java.lang.String) is incompatible with the server's: streaming shape changed "
                                + "(UNARY now RESULT_STREAM); calls to it are sent (rpc.client.contract-check=warn)");
            }
        }
    }

    @Test
    void offSendsNoDescribe() {
        try (ClientOfRawServer client = new ClientOfRawServer("rpc.client.contract-check=off")) {
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> client.catalog().name("a"));
            try (RawConnection connection = client.accept(true)) {
                RawConnection.RawFrame first = connection.readFrame();
                assertThat(first.type()).isEqualTo(RawConnection.REQUEST);
                connection.writeResponse(first.id(), RpcStatus.OK, "\"name of a\"");
                assertThat(name).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of a");
                assertThat(awaitCheck(client.context(), (check) -> true).path("mode").asString()).isEqualTo("off");
            }
        }
    }

    @Test
    void serverWithoutDescribeIsNotAskedAndReportedUnknown() {
        try (ClientOfRawServer client = new ClientOfRawServer()) {
            CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> client.catalog().name("a"));
            try (RawConnection connection = client.accept(false)) {
                RawConnection.RawFrame first = connection.readFrame();
                assertThat(first.type()).isEqualTo(RawConnection.REQUEST);
                connection.writeResponse(first.id(), RpcStatus.OK, "\"name of a\"");
                assertThat(name).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("name of a");
                JsonNode endpoint = awaitCheck(client.context(), (check) -> check.has("status")).path("endpoints")
                    .path(client.url());
                assertThat(endpoint.path("status").asString()).isEqualTo("unknown");
                assertThat(endpoint.path("reason").asString()).contains("does not announce DESCRIBE");
            }
        }
    }

    @Test
    void invalidModeFailsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> pair.startClient("rpc.client.contract-check=sometimes"))
            .satisfies((ex) -> assertThat(messages(ex)).contains("rpc.client.contract-check"));
        assertThatThrownBy(() -> pair.startClient("rpc.client.services.catalog.contract-check=always"))
            .satisfies((ex) -> assertThat(messages(ex)).contains("rpc.client.services.catalog.contract-check"));
    }

    /**
     * The description a newer server sends: {@link CatalogNext} under the name of
     * {@link Catalog}.
     */
    private static byte[] nextDescription() {
        return descriptionAsCatalog(CatalogNext.class);
    }

    /** The description of a server whose {@link Catalog} is the given interface. */
    private static byte[] descriptionAsCatalog(Class<?> serverInterface) {
        Contract next = ContractDescriber.withDefaultMapper().describe(List.of(serverInterface));
        Contract renamed = new Contract(Contract.FORMAT_VERSION,
                Map.of(Catalog.class.getName(), next.services().get(serverInterface.getName())), next.types());
        return ContractJson.write(renamed).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the client's first frame, which must be its DESCRIBE. */
    private static RawConnection.RawFrame readDescribe(RawConnection connection) {
        RawConnection.RawFrame describe = connection.readFrame();
        assertThat(describe.type()).isEqualTo(DESCRIBE);
        return describe;
    }

    private static byte[] settingsBody(boolean describes) {
        ByteBuffer body = ByteBuffer.allocate(18);
        body.putShort((short) 1).putInt(4 * 1024 * 1024);
        body.putShort((short) 2).putInt(RawConnection.FORMAT_JSON);
        if (describes) {
            body.putShort((short) SETTING_DESCRIBE).putInt(1);
        }
        return Arrays.copyOf(body.array(), body.position());
    }

    private static byte[] describeBody(String... services) {
        ByteBuffer body = ByteBuffer.allocate(1024);
        body.putShort((short) services.length);
        for (String service : services) {
            byte[] bytes = service.getBytes(StandardCharsets.UTF_8);
            body.putShort((short) bytes.length).put(bytes);
        }
        return Arrays.copyOf(body.array(), body.position());
    }

    private static List<String> describedServices(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        int count = buffer.getShort() & 0xFFFF;
        List<String> services = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[buffer.getShort() & 0xFFFF];
            buffer.get(bytes);
            services.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return services;
    }

    /**
     * Waits until the contract check of the client's service shows an endpoint that
     * matches.
     */
    private static JsonNode awaitCheck(ConfigurableApplicationContext client, Predicate<JsonNode> endpoint) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode check = JsonMapper.builder()
                .build()
                .valueToTree(client.getBean(RpcEndpoint.class).rpc())
                .path("clients")
                .path("catalog")
                .path("contractCheck");
            boolean matched = false;
            for (JsonNode checked : check.path("endpoints")) {
                matched |= endpoint.test(checked);
            }
            if (matched || (check.path("endpoints").isEmpty() && endpoint.test(check))
                    || System.nanoTime() - deadline > 0) {
                return check;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** Waits until a thread waits (for a connection, or for an answer). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() - deadline).as("%s waits", thread.getName()).isNegative();
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static void awaitLines(CapturedOutput output, String prefix, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lines(output, prefix).size() < count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static List<String> lines(CapturedOutput output, String prefix) {
        return Arrays.stream(output.getOut().split("\n"))
            .filter((line) -> line.contains(prefix))
            .map((line) -> line.substring(line.indexOf(prefix)).strip())
            .toList();
    }

    private static String messages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            messages.append(current.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /**
     * A client application of the pair's kind pointed at a {@link RawServer} that plays
     * the server's part; both closed together.
     */
    private static final class ClientOfRawServer implements AutoCloseable {

        private final RawServer server = new RawServer();

        private final ConfigurableApplicationContext context;

        /**
         * Starts the client application.
         * @param properties extra properties of the client application
         */
        ClientOfRawServer(String... properties) {
            String[] all = new String[properties.length + 1];
            all[0] = "rpc.client.services.catalog.urls=" + this.server.url();
            System.arraycopy(properties, 0, all, 1, properties.length);
            try {
                this.context = pair.startClient(all);
            }
            catch (RuntimeException | Error ex) {
                this.server.close();
                throw ex;
            }
        }

        String url() {
            return this.server.url();
        }

        ConfigurableApplicationContext context() {
            return this.context;
        }

        Catalog catalog() {
            return this.context.getBean(Catalog.class);
        }

        /**
         * Accepts the client's connection and sends the server's settings.
         * @param describes whether the settings announce DESCRIBE
         * @return the connection
         */
        RawConnection accept(boolean describes) {
            RawConnection connection = this.server.acceptWithoutSettings();
            connection.writeFrame(RawConnection.SETTINGS, 0, settingsBody(describes));
            return connection;
        }

        @Override
        public void close() {
            try {
                this.context.close();
            }
            finally {
                this.server.close();
            }
        }

    }

    /** The interface the client is built against. */
    @RpcClient(name = "catalog")
    public interface Catalog {

        int stock(String sku);

        String name(String sku);

        void touch(String sku);

    }

    /** The same service as a newer server has it: a wider result, a method removed. */
    public interface CatalogNext {

        long stock(String sku);

        String name(String sku);

    }

    /** The same service on a server that streams the names. */
    public interface CatalogStreaming {

        int stock(String sku);

        Flux<String> name(String sku);

        void touch(String sku);

    }

    @RpcService
    static class CatalogService implements Catalog {

        @Override
        public int stock(String sku) {
            return 1;
        }

        @Override
        public String name(String sku) {
            return "name of " + sku;
        }

        @Override
        public void touch(String sku) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        CatalogService catalogService() {
            return new CatalogService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Catalog.class)
    static class ClientApp {

    }

}
