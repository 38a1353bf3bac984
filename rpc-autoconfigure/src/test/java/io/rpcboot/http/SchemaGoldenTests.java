package io.rpcboot.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.http.Showcase.Color;
import io.rpcboot.http.Showcase.Money;
import io.rpcboot.http.Showcase.Page;
import io.rpcboot.http.Showcase.Product;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JSON Schemas a server writes for the Java types of its services, pinned byte for
 * byte in committed files under {@code src/test/resources/golden}: the contract
 * description that answers DESCRIBE (the schemas of
 * {@code io.rpcboot.internal.contract.SchemaGenerator}), and the OpenAPI document of
 * {@code GET /openapi.json} and the description of {@code GET /} (the precise and
 * sketched schemas of {@code io.rpcboot.internal.server.http.JsonSchemas}), for services
 * whose types take every shape: records nested in records, generic records, lists, sets,
 * maps, arrays, optionals, enums, primitives and their boxes, {@code java.time} types,
 * {@code BigDecimal}, nullable components and streams. A change to either generator shows
 * here as a difference; an intended one is committed with the files rewritten by
 * {@code -Drpcboot.golden.update=true}.
 */
class SchemaGoldenTests {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static final String UPDATE_PROPERTY = "rpcboot.golden.update";

    private static final int DESCRIBE = 9;

    private static final int DESCRIPTION = 10;

    private static final List<Class<?>> SERVICES = List.of(Showcase.class, Shop.class, Feed.class, SchemaShapes.class);

    private static final JsonMapper json = new JsonMapper();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(OpenApiTests.ShowcaseApplication.class, ShopApplication.class,
            FeedApplication.class, ShapesApplication.class);

    /**
     * The files hold the parameter names of interfaces compiled with {@code -parameters};
     * in the fuzz tests' JVM, Jazzer's instrumentation rewrites class files without them.
     */
    @BeforeAll
    static void parameterNamesArePresent() throws NoSuchMethodException {
        assumeTrue(Showcase.class.getMethod("product", String.class).getParameters()[0].isNamePresent(),
                "parameter names are present in the class files");
    }

    @Test
    void contractDescriptionIsTheGoldenFile() throws IOException {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeFrame(DESCRIBE, 1, describeBody());
            RawConnection.RawFrame description = connection.readFrameOfType(DESCRIPTION);
            assertGolden("contract-description.json", description.body());
        }
    }

    @Test
    void openApiDocumentIsTheGoldenFile() throws IOException {
        HttpResponse<String> document = new HttpCalls(pair.port()).get("/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertGolden("openapi.json", document.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void httpServiceDescriptionIsTheGoldenFile() throws IOException {
        HttpResponse<String> description = new HttpCalls(pair.port()).get("/");
        assertThat(description.statusCode()).isEqualTo(200);
        assertGolden("http-service-description.json", description.body().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Compares the JSON, pretty-printed, with the golden file of that name, or rewrites
     * the file when the update property is set.
     */
    private static void assertGolden(String name, byte[] served) throws IOException {
        String actual = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(served)) + "\n";
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail("The JSON differs from %s, first at %s%nIf the change is intended, rewrite the file with ./mvnw -pl "
                    + "rpc-autoconfigure test -Dtest=SchemaGoldenTests -D%s=true and commit the diff", file,
                    firstDifference(expected, actual), UPDATE_PROPERTY);
        }
    }

    /** Names the first line where two texts differ, and shows it in both. */
    private static String firstDifference(String expected, String actual) {
        List<String> expectedLines = expected.lines().toList();
        List<String> actualLines = actual.lines().toList();
        int line = 0;
        while (line < expectedLines.size() && line < actualLines.size()
                && expectedLines.get(line).equals(actualLines.get(line))) {
            line++;
        }
        return String.format("line %d:%n  expected: %s%n  actual:   %s", line + 1, lineOrEnd(expectedLines, line),
                lineOrEnd(actualLines, line));
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return (index < lines.size()) ? lines.get(index) : "(end of file)";
    }

    private static byte[] describeBody() {
        ByteBuffer body = ByteBuffer.allocate(1024);
        body.putShort((short) SERVICES.size());
        for (Class<?> service : SERVICES) {
            byte[] name = service.getName().getBytes(StandardCharsets.UTF_8);
            body.putShort((short) name.length).put(name);
        }
        return Arrays.copyOf(body.array(), body.position());
    }

    /** Exports {@link SchemaShapes}; its methods are never called. */
    @RpcService(interfaces = SchemaShapes.class)
    static class SchemaShapesService implements SchemaShapes {

        @Override
        public Boxes boxes(Boxes boxes) {
            return boxes;
        }

        @Override
        public Page<Page<Product>> pages(Optional<Color> color) {
            return new Page<>(List.of(), 0, 0,
                    new Page<>(List.of(), 0, 0, OpenApiTests.ShowcaseService.sampleProduct("A")));
        }

        @Override
        public Map<String, Product[]> catalog(Map<String, Integer> levels, List<Optional<Long>> amounts) {
            return Map.of();
        }

        @Override
        public CompletableFuture<Optional<Boxes>> later(Long[] ids) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public Flux<Product> reprice(String currency, Flux<Money> prices) {
            return prices.map((price) -> OpenApiTests.ShowcaseService.sampleProduct(currency));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ShapesApplication {

        @Bean
        SchemaShapesService schemaShapesService() {
            return new SchemaShapesService();
        }

    }

}
