package io.rpcboot.http;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.http.Showcase.Color;
import io.rpcboot.http.Showcase.Containers;
import io.rpcboot.http.Showcase.Money;
import io.rpcboot.http.Showcase.Node;
import io.rpcboot.http.Showcase.Page;
import io.rpcboot.http.Showcase.Primitives;
import io.rpcboot.http.Showcase.Product;
import io.rpcboot.http.Showcase.Times;
import io.rpcboot.support.RpcApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json}: an OpenAPI 3.1 document of every exported method that a real
 * OpenAPI parser reads without a message, whose schemas every value the application's
 * mapper writes satisfies (checked with a JSON Schema validator, format assertions on),
 * and that rejects values of other shapes.
 */
class OpenApiTests {

    private static final String SHOWCASE = "/" + Showcase.class.getName() + "/";

    private static final JsonMapper json = new JsonMapper();

    private static final SchemaRegistry validators = SchemaRegistry
        .withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (registry) -> registry
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static ConfigurableApplicationContext server;

    private static HttpCalls http;

    private static HttpResponse<String> served;

    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = RpcApplications
            .server(new Class<?>[] { ShowcaseApplication.class, ShopApplication.class, FeedApplication.class });
        http = new HttpCalls(RpcApplications.port(server));
        served = http.get("/openapi.json");
        document = json.readTree(served.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void isAValidOpenApi31DocumentServedAsJson() {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("content-type")).hasValue("application/json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys(SHOWCASE + "order", "/io.rpcboot.http.Shop/greet");
        assertThat(http.get("/openapi.json?x=1").body()).isEqualTo(served.body());
    }

    @Test
    void describesAResultStreamAsNdjsonOfItsElementsAndAStreamParameterAsAnArray() {
        JsonNode prefix = operation("/io.rpcboot.http.Feed/prefix");
        JsonNode content = prefix.get("responses").get("200").get("content");
        assertThat(content.get("application/x-ndjson").get("schema").get("type").toString()).contains("string");
        assertThat(content.has("text/event-stream")).isTrue();
        assertThat(content.has("application/json")).isFalse();
        JsonNode arguments = prefix.get("requestBody").get("content").get("application/json").get("schema");
        JsonNode stream = arguments.get("prefixItems").get(1);
        assertThat(stream.get("type").asString()).isEqualTo("array");
        assertThat(stream.get("items").get("type").toString()).contains("string");
        JsonNode greet = operation("/io.rpcboot.http.Feed/greet").get("responses").get("200").get("content");
        assertThat(greet.get("application/json").get("schema").toString()).contains("Greeting");
    }

    @Test
    void describesEachMethodAsAPostOfItsArgumentsArray() {
        JsonNode order = operation(SHOWCASE + "order");
        assertThat(order.get("tags").get(0).asString()).isEqualTo("Showcase");
        assertThat(order.get("operationId").asString()).isEqualTo("Showcase_order");
        assertThat(order.get("x-rpc-method-key").asString()).isEqualTo("order(java.lang.String,int)");
        JsonNode arguments = order.get("requestBody").get("content").get("application/json").get("schema");
        assertThat(order.get("requestBody").get("required").asBoolean()).isTrue();
        assertThat(arguments.get("type").asString()).isEqualTo("array");
        assertThat(arguments.get("minItems").asInt()).isEqualTo(2);
        assertThat(arguments.get("maxItems").asInt()).isEqualTo(2);
        JsonNode sku = withoutTitle(arguments.get("prefixItems").get(0));
        assertThat(sku).isEqualTo(json.readTree("""
                {"type": ["string", "null"], "x-java-type": "java.lang.String"}"""));
        assertThat(withoutTitle(arguments.get("prefixItems").get(1))).isEqualTo(json.readTree("""
                {"type": "integer", "format": "int32", "x-java-type": "int"}"""));
        JsonNode responses = order.get("responses");
        assertThat(responses.get("200").get("content").get("application/json").get("schema"))
            .isEqualTo(json.readTree("""
                    {"anyOf": [{"$ref": "#/components/schemas/Product"}, {"type": "null"}],
                     "x-java-type": "io.rpcboot.http.Showcase$Product"}"""));
        assertThat(responses.propertyNames()).containsExactly("200", "400", "401", "403", "404", "413", "415", "422",
                "429", "500", "503", "504");
        assertThat(responses.get("422").get("description").asString())
            .contains("io.rpcboot.http.Showcase$SoldOutException");
        assertThat(order.get("x-rpc-declared-exceptions").get(0).asString())
            .isEqualTo("io.rpcboot.http.Showcase$SoldOutException");
        assertThat(responses.get("504").get("$ref").asString()).isEqualTo("#/components/responses/GatewayTimeout");
        JsonNode error = document.get("components").get("schemas").get("RpcError");
        assertThat(error.get("required")).isEqualTo(json.readTree("[\"status\", \"message\"]"));
        assertThat(error.get("properties").propertyNames()).containsExactly("status", "message", "exception");

        JsonNode touch = operation(SHOWCASE + "touch");
        assertThat(touch.get("responses").has("200")).isFalse();
        assertThat(touch.get("responses").has("204")).isTrue();
        assertThat(touch.get("responses").has("422")).isFalse();
        JsonNode legacy = operation(SHOWCASE + "legacy");
        assertThat(legacy.get("deprecated").asBoolean()).isTrue();
        assertThat(legacy.get("requestBody").get("required").asBoolean()).isFalse();
        assertThat(legacy.get("requestBody").get("content").get("application/json").get("schema"))
            .isEqualTo(json.readTree("{\"type\": \"array\", \"minItems\": 0, \"maxItems\": 0}"));
    }

    @Test
    void overloadsArePathsByKeyThatCallThem() {
        JsonNode paths = document.get("paths");
        assertThat(paths.has(SHOWCASE + "price")).isFalse();
        assertThat(operation(SHOWCASE + "price(java.lang.String)").get("operationId").asString())
            .isEqualTo("Showcase_price_String");
        assertThat(operation(SHOWCASE + "price(java.lang.String,int)").get("operationId").asString())
            .isEqualTo("Showcase_price_String_int");
        assertThat(http.post(SHOWCASE + "price(java.lang.String,int)", "[\"MUG\", 3]").body()).isEqualTo("29.70");
        assertThat(paths.has("/io.rpcboot.http.Shop/describe(int)")).isTrue();
        for (String path : paths.propertyNames()) {
            if (path.startsWith(SHOWCASE)) {
                assertThat(http.post(path, "[]").statusCode()).as(path).isIn(200, 400);
            }
        }
    }

    @Test
    void schemasAreWhatTheApplicationsMapperWrites() {
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("Product").get("properties").propertyNames()).containsExactly("sku", "title", "price",
                "color", "note", "tags");
        assertThat(schemas.get("Product").get("x-java-type").asString()).isEqualTo("io.rpcboot.http.Showcase$Product");
        assertThat(schemas.get("Product").get("properties").get("color")).isEqualTo(json.readTree("""
                {"type": ["string", "null"], "enum": ["RED", "GREEN", null]}"""));
        assertThat(schemas.get("Money").get("properties").get("amount").get("type"))
            .isEqualTo(json.readTree("[\"string\", \"null\"]"));
        assertThat(schemas.get("PageOfProduct").get("properties").get("items")).isEqualTo(json.readTree("""
                {"type": ["array", "null"], "items": {"$ref": "#/components/schemas/Product"}}"""));
        assertThat(schemas.get("PageOfString").get("properties").get("first"))
            .isEqualTo(json.readTree("{\"type\": [\"string\", \"null\"]}"));
        assertThat(schemas.get("Node").get("properties").get("firstChild"))
            .isEqualTo(json.readTree("{\"anyOf\": [{\"$ref\": \"#/components/schemas/Node\"}, {\"type\": \"null\"}]}"));
        assertThat(schemas.get("Containers").get("properties").get("data").get("contentEncoding").asString())
            .isEqualTo("base64");
    }

    @Test
    void valuesTheApplicationsMapperWritesSatisfyTheSchemas() {
        JsonMapper mapper = server.getBean(JsonMapper.class);
        List<Object> samples = List.of(ShowcaseService.sampleProduct("MUG"),
                new Product("NULLS", null, null, null, Optional.empty(), null, null),
                new Page<>(List.of("a", "b"), 0, 2, null), ShowcaseService.sampleProducts(2),
                ShowcaseService.sampleTimes(Instant.parse("2026-11-30T07:05:19.123Z")),
                new Times(null, null, null, null, null, null, null, null, null, null, null),
                ShowcaseService.sampleContainers(List.of("x"), Set.of(1, 2), Map.of("g", List.of(5L))),
                new Containers(null, null, null, null, null, null, null, null, OptionalInt.empty()),
                new Primitives(-1, Long.MAX_VALUE, 0.5, 1.25f, true, 'q', (short) 7, (byte) -3),
                ShowcaseService.sampleTree(3));
        List<String> schemas = List.of("Product", "Product", "PageOfString", "PageOfProduct", "Times", "Times",
                "Containers", "Containers", "Primitives", "Node");
        for (int i = 0; i < samples.size(); i++) {
            String written = mapper.writeValueAsString(samples.get(i));
            assertThat(errors("#/components/schemas/" + schemas.get(i), written)).as(written).isEmpty();
        }
    }

    @Test
    void argumentsAndResultsOfRealCallsSatisfyTheSchemas() {
        JsonMapper mapper = server.getBean(JsonMapper.class);
        List<Object[]> calls = new ArrayList<>();
        calls.add(new Object[] { "product", "MUG" });
        calls.add(new Object[] { "products", 1, 3 });
        calls.add(new Object[] { "names", 0 });
        calls.add(new Object[] { "find", "MUG" });
        calls.add(new Object[] { "find", "NONE" });
        calls.add(new Object[] { "times", Instant.parse("2026-11-30T07:05:19Z") });
        calls.add(new Object[] { "times", null });
        calls.add(new Object[] { "containers", List.of("a", "b"), new LinkedHashSet<>(List.of(3, 1)),
                Map.of("odd", List.of(1L, 3L)) });
        calls.add(new Object[] { "containers", null, null, null });
        calls.add(new Object[] { "bytes", new byte[] { 0, -1, 42 } });
        calls.add(new Object[] { "bytes", null });
        calls.add(new Object[] { "primitives", 1, 2L, 3.5, 4.25f, true, 'z', (short) 6, (byte) 7 });
        calls.add(new Object[] { "tree", 2 });
        calls.add(new Object[] { "counts", Set.of(Color.RED, Color.GREEN) });
        calls.add(new Object[] { "nothing", null });
        calls.add(new Object[] { "later", Optional.of(new Money(new BigDecimal("1.50"), "EUR")) });
        calls.add(new Object[] { "later", Optional.empty() });
        calls.add(new Object[] { "order", "MUG", 2 });
        for (Object[] call : calls) {
            String method = (String) call[0];
            String arguments = mapper.writeValueAsString(Arrays.copyOfRange(call, 1, call.length));
            String operation = "#/paths/" + pointer(SHOWCASE + method) + "/post";
            assertThat(errors(operation + "/requestBody/content/application~1json/schema", arguments))
                .as(method + arguments)
                .isEmpty();
            HttpResponse<String> response = http.post(SHOWCASE + method, arguments);
            assertThat(response.statusCode()).as(method + arguments).isEqualTo(200);
            assertThat(errors(operation + "/responses/200/content/application~1json/schema", response.body()))
                .as(method + arguments + " -> " + response.body())
                .isEmpty();
        }
        HttpResponse<String> soldOut = http.post(SHOWCASE + "order", "[\"MUG\", 1000]");
        assertThat(soldOut.statusCode()).isEqualTo(422);
        assertThat(errors("#/components/schemas/RpcError", soldOut.body())).isEmpty();
        HttpResponse<String> invalid = http.post(SHOWCASE + "order", "[\"MUG\"]");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(errors("#/components/schemas/RpcError", invalid.body())).isEmpty();
    }

    @Test
    void schemasRejectValuesOfOtherShapes() {
        String product = "#/components/schemas/Product";
        assertThat(errors(product, "{\"sku\": \"A\", \"price\": 5}")).isNotEmpty();
        assertThat(errors(product, "{\"color\": \"BLUE\"}")).isNotEmpty();
        assertThat(errors(product, "{\"tags\": [1]}")).isNotEmpty();
        assertThat(errors("#/components/schemas/Primitives", "{\"i\": null}")).isNotEmpty();
        assertThat(errors("#/components/schemas/Primitives", "{\"i\": 1.5}")).isNotEmpty();
        assertThat(errors("#/components/schemas/Times", "{\"instant\": \"yesterday\"}")).isNotEmpty();
        assertThat(errors("#/components/schemas/Times", "{\"date\": \"2026-13-45\"}")).isNotEmpty();
        assertThat(errors("#/components/schemas/Node", "{\"firstChild\": {\"children\": [{\"name\": 3}]}}"))
            .isNotEmpty();
        String orderArguments = "#/paths/" + pointer(SHOWCASE + "order") + "/post/requestBody/content/"
                + "application~1json/schema";
        assertThat(errors(orderArguments, "[\"MUG\"]")).isNotEmpty();
        assertThat(errors(orderArguments, "[\"MUG\", 1, 2]")).isNotEmpty();
        assertThat(errors(orderArguments, "[\"MUG\", null]")).isNotEmpty();
        assertThat(errors(orderArguments, "[\"MUG\", 1]")).isEmpty();
    }

    @Test
    void onlyGetReadsTheDocument() {
        HttpResponse<String> post = http.post("/openapi.json", "[]");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
    }

    private static JsonNode operation(String path) {
        JsonNode item = document.get("paths").get(path);
        assertThat(item).as(path).isNotNull();
        return item.get("post");
    }

    private static JsonNode withoutTitle(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.remove("title");
        return copy;
    }

    /** Escapes a JSON Pointer segment (RFC 6901). */
    private static String pointer(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Validates JSON against a schema of the document: the schema at the pointer, with
     * the document's components beside it, so that its references resolve.
     */
    private static List<Error> errors(String pointer, String value) {
        JsonNode target = document.at(pointer.substring(1));
        assertThat(target.isMissingNode()).as(pointer).isFalse();
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("allOf", json.createArrayNode().add(target));
        schema.set("components", document.get("components"));
        Schema validator = validators.getSchema(schema);
        return validator.validate(json.readTree(value.getBytes(StandardCharsets.UTF_8)));
    }

    @RpcService(interfaces = Showcase.class)
    static class ShowcaseService implements Showcase {

        static Product sampleProduct(String sku) {
            return new Product(sku, "Stoneware mug", new Money(new BigDecimal("9.90"), "EUR"), Color.RED,
                    Optional.of("handle on the left"), List.of("kitchen", "gift"), "hidden");
        }

        static Page<Product> sampleProducts(int size) {
            List<Product> items = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                items.add(sampleProduct("SKU-" + i));
            }
            return new Page<>(items, 0, 100, items.isEmpty() ? null : items.get(0));
        }

        static Times sampleTimes(Instant at) {
            Instant instant = (at != null) ? at : Instant.EPOCH;
            ZonedDateTime zoned = instant.atZone(ZoneId.of("Europe/Paris"));
            return new Times(instant, zoned.toLocalDate(), zoned.toLocalDateTime(), zoned.toLocalTime(),
                    instant.atOffset(ZoneOffset.ofHours(-5)), zoned, Duration.ofMillis(1500), Period.ofDays(3),
                    YearMonth.of(2026, 11), ZoneId.of("UTC"), UUID.nameUUIDFromBytes(new byte[] { 1 }));
        }

        static Containers sampleContainers(List<String> words, Set<Integer> numbers, Map<String, List<Long>> groups) {
            return new Containers(words, numbers, groups, Map.of(1, "one", 2, "two"), new String[] { "x", null },
                    new int[] { 1, 2 }, new byte[] { 1, 2, 3 }, null, OptionalInt.of(4));
        }

        static Node sampleTree(int depth) {
            if (depth == 0) {
                return new Node("leaf", Collections.emptyList(), null);
            }
            Node child = sampleTree(depth - 1);
            return new Node("node " + depth, List.of(child, sampleTree(0)), child);
        }

        @Override
        public Product product(String sku) {
            return sampleProduct(sku);
        }

        @Override
        public Page<Product> products(int number, int size) {
            return sampleProducts(size);
        }

        @Override
        public Page<String> names(int number) {
            return new Page<>(List.of("a", "b"), number, 2, "a");
        }

        @Override
        public Optional<Product> find(String sku) {
            return "MUG".equals(sku) ? Optional.of(sampleProduct(sku)) : Optional.empty();
        }

        @Override
        public Times times(Instant at) {
            return sampleTimes(at);
        }

        @Override
        public Containers containers(List<String> words, Set<Integer> numbers, Map<String, List<Long>> groups) {
            return sampleContainers(words, numbers, groups);
        }

        @Override
        public byte[] bytes(byte[] data) {
            return data;
        }

        @Override
        public Primitives primitives(int i, long l, double d, float f, boolean b, char c, short s, byte by) {
            return new Primitives(i, l, d, f, b, c, s, by);
        }

        @Override
        public Node tree(int depth) {
            return sampleTree(depth);
        }

        @Override
        public Map<Color, Integer> counts(Set<Color> colors) {
            Map<Color, Integer> counts = new LinkedHashMap<>();
            colors.forEach((color) -> counts.put(color, color.ordinal() + 1));
            return counts;
        }

        @Override
        public String nothing(String text) {
            return text;
        }

        @Override
        public void touch(Product product) {
        }

        @Override
        public CompletableFuture<Page<Money>> later(Optional<Money> seed) {
            List<Money> items = seed.map(List::of).orElse(List.of());
            return CompletableFuture.completedFuture(new Page<>(items, 0, items.size(), seed.orElse(null)));
        }

        @Override
        public Product order(String sku, int quantity) throws SoldOutException {
            if (quantity > 10) {
                throw new SoldOutException("only 10 left of " + sku);
            }
            return sampleProduct(sku);
        }

        @Override
        public BigDecimal price(String sku) {
            return new BigDecimal("9.90");
        }

        @Override
        public BigDecimal price(String sku, int quantity) {
            return price(sku).multiply(BigDecimal.valueOf(quantity));
        }

        @Override
        @Deprecated
        public String legacy() {
            return "old";
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ShowcaseApplication {

        @Bean
        ShowcaseService showcaseService() {
            return new ShowcaseService();
        }

    }

}
