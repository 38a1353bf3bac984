package io.rpcboot.http;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /}: the exported services, their methods with generic Java types, paths,
 * declared exceptions, and JSON Schema sketches as the application's mapper writes the
 * types. Parameter names appear when the interface was compiled with {@code -parameters}
 * (and its class file was not rewritten without them, as Jazzer's instrumentation does in
 * this module's test JVM).
 */
class HttpDescriptionTests {

    private static final JsonMapper json = new JsonMapper();

    @Test
    void describesServicesMethodsAndTypes() throws NoSuchMethodException {
        try (ConfigurableApplicationContext server = RpcApplications.server(new Class<?>[] { ShopApplication.class })) {
            HttpResponse<String> response = new HttpCalls(RpcApplications.port(server)).get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode description = json.readTree(response.body());
            JsonNode service = description.get("services").get(0);
            assertThat(service.get("name").asString()).isEqualTo("io.rpcboot.http.Shop");
            JsonNode items = method(service, "items(java.util.List)");
            if (Shop.class.getMethod("items", List.class).getParameters()[0].isNamePresent()) {
                assertThat(items.get("parameters").get(0).get("name").asString()).isEqualTo("skus");
                ((ObjectNode) items.get("parameters").get(0)).remove("name");
            }
            assertThat(items).isEqualTo(json.readTree("""
                    {"name": "items", "key": "items(java.util.List)", "path": "/io.rpcboot.http.Shop/items",
                     "parameters": [{"type": "java.util.List<java.lang.String>",
                                     "schema": {"type": "array", "items": {"type": "string"}}}],
                     "returns": {"type": "java.util.List<io.rpcboot.http.Shop$Item>",
                                 "schema": {"type": "array", "items": {"$ref": "#/$defs/io.rpcboot.http.Shop$Item"}}},
                     "exceptions": []}
                    """));
            assertThat(method(service, "reserve(java.lang.String,int)").get("exceptions").get(0).asString())
                .isEqualTo("io.rpcboot.http.Shop$OutOfStockException");
            assertThat(method(service, "price(java.lang.String,int)").get("path").asString())
                .isEqualTo("/io.rpcboot.http.Shop/price");
            assertThat(method(service, "describe(int)").get("path").asString())
                .isEqualTo("/io.rpcboot.http.Shop/describe(int)");
            assertThat(method(service, "touch(java.lang.String)").get("returns"))
                .isEqualTo(json.readTree("{\"type\": \"void\"}"));
            assertThat(method(service, "later(java.lang.String)").get("returns"))
                .isEqualTo(json.readTree("{\"type\": \"java.util.concurrent.CompletableFuture<java.lang.String>\","
                        + " \"schema\": {\"type\": \"string\"}}"));
            assertThat(method(service, "metadata()").get("returns").get("schema"))
                .isEqualTo(json.readTree("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}}"));
            assertThat(description.get("$defs").get("io.rpcboot.http.Shop$Item")).isEqualTo(json.readTree("""
                    {"type": "object", "properties": {
                        "sku": {"type": "string"}, "quantity": {"type": "integer"}, "unitPrice": {"type": "number"},
                        "category": {"type": "string", "enum": ["BOOK", "TOOL"]}}}
                    """));
            assertThat(description.get("$defs").get("io.rpcboot.http.Shop$Order")).isEqualTo(json.readTree("""
                    {"type": "object", "properties": {
                        "id": {"type": "string"},
                        "items": {"type": "array", "items": {"$ref": "#/$defs/io.rpcboot.http.Shop$Item"}},
                        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "total": {"type": "string"},
                        "signature": {"type": "string", "contentEncoding": "base64"},
                        "placedAt": {"type": "string", "format": "date-time"},
                        "previous": {"$ref": "#/$defs/io.rpcboot.http.Shop$Order"}}}
                    """));
            HttpResponse<String> withQuery = new HttpCalls(RpcApplications.port(server)).get("/?pretty");
            assertThat(withQuery.body()).isEqualTo(response.body());
        }
    }

    @Test
    void schemasFollowTheApplicationsMapper() {
        try (ConfigurableApplicationContext server = RpcApplications.server(new Class<?>[] { ShopApplication.class },
                "spring.jackson.property-naming-strategy=SNAKE_CASE")) {
            HttpCalls http = new HttpCalls(RpcApplications.port(server));
            JsonNode item = json.readTree(http.get("/").body()).get("$defs").get("io.rpcboot.http.Shop$Item");
            assertThat(item.get("properties").propertyNames()).containsExactly("sku", "quantity", "unit_price",
                    "category");
            assertThat(http.post("/io.rpcboot.http.Shop/item", "[\"sku-1\"]").body()).contains("\"unit_price\":9.90");
        }
    }

    private static JsonNode method(JsonNode service, String key) {
        for (JsonNode method : service.get("methods")) {
            if (method.get("key").asString().equals(key)) {
                return method;
            }
        }
        throw new AssertionError("no method " + key + " in " + service);
    }

    @Test
    void describesMethodsOfAGenericSuperInterfaceWithTheTypesTheServiceBinds() {
        try (ConfigurableApplicationContext server = RpcApplications.server(new Class<?>[] { UsersApplication.class },
                "rpc.client.services.shop.urls=rpc://127.0.0.1:1")) {
            HttpCalls http = new HttpCalls(RpcApplications.port(server));
            JsonNode description = json.readTree(http.get("/").body());
            JsonNode service = description.get("services").get(0);
            assertThat(service.get("name").asString()).isEqualTo(Users.class.getName());
            String user = User.class.getName();
            JsonNode find = method(service, "find(java.lang.Object)");
            assertThat(find.get("parameters").get(0).get("type").asString()).isEqualTo("java.lang.Long");
            assertThat(find.get("parameters").get(0).get("schema")).isEqualTo(json.readTree("{\"type\": \"integer\"}"));
            assertThat(find.get("returns")).isEqualTo(
                    json.readTree("{\"type\": \"" + user + "\", \"schema\": {\"$ref\": \"#/$defs/" + user + "\"}}"));
            assertThat(method(service, "all()").get("returns").get("type").asString())
                .isEqualTo("java.util.List<" + user + ">");
            assertThat(method(service, "later(java.lang.Object)").get("returns"))
                .isEqualTo(json.readTree("{\"type\": \"java.util.concurrent.CompletableFuture<" + user + ">\","
                        + " \"schema\": {\"$ref\": \"#/$defs/" + user + "\"}}"));
            assertThat(description.get("$defs").get(user)).isEqualTo(json.readTree("""
                    {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
                    """));
            assertThat(http.post("/" + Users.class.getName() + "/find", "[7]").body())
                .isEqualTo("{\"id\":7,\"name\":\"user 7\"}");
        }
    }

    /**
     * A generic repository contract.
     *
     * @param <T> the entity type
     * @param <ID> the identifier type
     */
    public interface Repository<T, ID> {

        T find(ID id);

        List<T> all();

        CompletableFuture<T> later(ID id);

    }

    /** A service interface that binds the repository's types. */
    public interface Users extends Repository<User, Long> {

    }

    /**
     * A user.
     *
     * @param id its identifier
     * @param name its name
     */
    public record User(long id, String name) {
    }

    @RpcService(interfaces = Users.class)
    static class UsersService implements Users {

        @Override
        public User find(Long id) {
            return new User(id, "user " + id);
        }

        @Override
        public List<User> all() {
            return List.of(find(1L));
        }

        @Override
        public CompletableFuture<User> later(Long id) {
            return CompletableFuture.completedFuture(find(id));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class UsersApplication {

        @Bean
        UsersService usersService() {
            return new UsersService();
        }

    }

}
