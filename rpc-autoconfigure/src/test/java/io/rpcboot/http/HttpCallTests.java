package io.rpcboot.http;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.Timeouts;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls over HTTP/1.1 with the JDK's client: each answer the mapping defines, from
 * {@code 200} to each error status.
 */
class HttpCallTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    private static final JsonMapper json = new JsonMapper();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class);

    private final HttpCalls http = new HttpCalls(pair.port());

    @AfterEach
    void unblock() {
        ShopService shop = pair.serverBean(ShopService.class);
        shop.unblock();
        shop.reset();
    }

    @Test
    void resultIsJson() {
        HttpResponse<String> response = http.post(SHOP + "/greet", "[\"Ada\"]");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("\"Hello, Ada\"");
    }

    @Test
    void recordsAndGenericsAreJson() {
        assertThat(tree(http.post(SHOP + "/item", "[\"sku-1\"]")))
            .isEqualTo(tree("{\"sku\":\"sku-1\",\"quantity\":3,\"unitPrice\":9.90,\"category\":\"BOOK\"}"));
        JsonNode items = tree(http.post(SHOP + "/items", "[[\"a\",\"b\"]]"));
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(1).get("sku").asString()).isEqualTo("b");
    }

    @Test
    void voidAnswersNoContent() {
        HttpResponse<String> response = http.post(SHOP + "/touch", "[\"sku-1\"]");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void futureAnswersWhenItCompletes() {
        assertThat(http.post(SHOP + "/later", "[\"Ada\"]").body()).isEqualTo("\"Later, Ada\"");
    }

    @Test
    void emptyBodyMeansNoArguments() {
        HttpResponse<String> response = http.post(SHOP + "/metadata", "");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void overloadsArePickedByArgumentCount() {
        assertThat(http.post(SHOP + "/price", "[\"sku-1\"]").body()).isEqualTo("10");
        assertThat(http.post(SHOP + "/price", "[\"sku-1\", 3]").body()).isEqualTo("30");
    }

    @Test
    void overloadsWithTheSameCountAreNamedByKey() {
        assertThat(http.post(SHOP + "/describe(java.lang.String)", "[\"a\"]").body()).isEqualTo("\"text a\"");
        assertThat(http.post(SHOP + "/describe(int)", "[3]").body()).isEqualTo("\"number 3\"");
        assertThat(http.post(SHOP + "/describe%28int%29", "[4]").body()).isEqualTo("\"number 4\"");
        assertThat(http.post(SHOP + "/price(java.lang.String,int)", "[\"x\",2]").body()).isEqualTo("20");
    }

    @Test
    void ambiguousNameIsRefusedWithTheKeys() {
        HttpResponse<String> response = http.post(SHOP + "/describe", "[\"a\"]");
        assertError(response, 400, "INVALID_ARGUMENT");
        assertThat(message(response)).isEqualTo("describe in service io.rpcboot.http.Shop has 2 overloads that take"
                + " 1 arguments; name one by its key in the path, as in /io.rpcboot.http.Shop/describe(int):"
                + " describe(int), describe(java.lang.String)");
    }

    @Test
    void argumentCountThatNoOverloadTakesIsRefused() {
        HttpResponse<String> response = http.post(SHOP + "/price", "[]");
        assertError(response, 400, "INVALID_ARGUMENT");
        assertThat(message(response)).isEqualTo("no overload of price in service io.rpcboot.http.Shop takes 0"
                + " arguments; overloads: price(java.lang.String), price(java.lang.String,int)");
    }

    @Test
    void declaredExceptionIsUnprocessableAndNamesItsType() {
        HttpResponse<String> response = http.post(SHOP + "/reserve", "[\"sku-1\", 5]");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(tree(response)).isEqualTo(tree("{\"status\":\"APPLICATION_ERROR\",\"message\":\"only 3 left of"
                + " sku-1\",\"exception\":\"io.rpcboot.http.Shop$OutOfStockException\"}"));
    }

    @Test
    void undeclaredExceptionIsAnApplicationErrorNamingOnlyItsType() {
        HttpResponse<String> response = http.post(SHOP + "/crash", "[\"boom\"]");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(tree(response))
            .isEqualTo(tree("{\"status\":\"APPLICATION_ERROR\",\"message\":\"java.lang.IllegalStateException\"}"));
    }

    @ParameterizedTest
    @CsvSource({ "INVALID_ARGUMENT, 400", "UNAUTHENTICATED, 401", "PERMISSION_DENIED, 403", "NOT_FOUND, 404",
            "RESOURCE_EXHAUSTED, 429", "DEADLINE_EXCEEDED, 504", "UNAVAILABLE, 503", "INTERNAL, 500",
            "APPLICATION_ERROR, 500", "CANCELLED, 500" })
    void statusOfRpcExceptionMapsToHttpStatus(String status, int httpStatus) {
        HttpResponse<String> response = http.post(SHOP + "/fail", "[\"" + status + "\", \"it failed\"]");
        assertThat(response.statusCode()).isEqualTo(httpStatus);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(tree(response)).isEqualTo(tree("{\"status\":\"" + status + "\",\"message\":\"it failed\"}"));
    }

    @Test
    void unknownServiceIsNotFound() {
        HttpResponse<String> response = http.post("/com.example.Nope/greet", "[]");
        assertError(response, 404, "NOT_FOUND");
        assertThat(message(response)).isEqualTo("no service com.example.Nope");
    }

    @Test
    void unknownMethodIsNotFound() {
        assertThat(message(http.post(SHOP + "/nope", "[]")))
            .isEqualTo("no method nope in service io.rpcboot.http.Shop");
        HttpResponse<String> byKey = http.post(SHOP + "/price(long)", "[1]");
        assertError(byKey, 404, "NOT_FOUND");
        assertThat(message(byKey)).isEqualTo("no method price(long) in service io.rpcboot.http.Shop");
        assertThat(http.post(SHOP, "[]").statusCode()).isEqualTo(404);
        assertThat(http.post(SHOP + "/greet/more", "[]").statusCode()).isEqualTo(404);
    }

    @Test
    void otherHttpMethodsAreNotAllowed() {
        HttpResponse<String> get = http.get(SHOP + "/greet");
        assertError(get, 405, "INVALID_ARGUMENT");
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(http.send("PUT", SHOP + "/greet", "[\"Ada\"]", "Content-Type", "application/json").statusCode())
            .isEqualTo(405);
        HttpResponse<String> deleteRoot = http.send("DELETE", "/", "");
        assertThat(deleteRoot.statusCode()).isEqualTo(405);
        assertThat(deleteRoot.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void onlyJsonIsAccepted() {
        HttpResponse<String> text = http.post(SHOP + "/greet", "[\"Ada\"]", "Content-Type", "text/plain");
        assertError(text, 415, "INVALID_ARGUMENT");
        assertThat(message(text)).isEqualTo("calls need Content-Type: application/json, not text/plain");
        HttpResponse<String> form = http.post(SHOP + "/greet", "[\"Ada\"]", "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> none = http.send("POST", SHOP + "/greet", "[\"Ada\"]");
        assertError(none, 415, "INVALID_ARGUMENT");
        assertThat(message(none)).isEqualTo("calls need Content-Type: application/json");
        assertThat(
                http.post(SHOP + "/greet", "[\"Ada\"]", "Content-Type", "text/plain; charset=iso-8859-1").statusCode())
            .isEqualTo(415);
        assertThat(http.post(SHOP + "/greet", "[\"Ada\"]", "Content-Type", "application/json; charset=ISO-8859-1")
            .statusCode()).isEqualTo(415);
        assertThat(http.post(SHOP + "/greet", "[\"Ada\"]", "Content-Type", "Application/JSON; charset=UTF-8").body())
            .isEqualTo("\"Hello, Ada\"");
    }

    @Test
    void malformedJsonIsAnInvalidArgument() {
        HttpResponse<String> unclosed = http.post(SHOP + "/greet", "[\"Ada\"");
        assertError(unclosed, 400, "INVALID_ARGUMENT");
        assertThat(message(unclosed)).startsWith("arguments of greet(java.lang.String) are not readable: ");
        HttpResponse<String> object = http.post(SHOP + "/greet", "{\"name\":\"Ada\"}");
        assertError(object, 400, "INVALID_ARGUMENT");
        assertThat(message(object)).isEqualTo("arguments must be a JSON array");
        assertError(http.post(SHOP + "/price", "[\"x\", "), 400, "INVALID_ARGUMENT");
    }

    @Test
    void wrongArgumentsAreInvalid() {
        HttpResponse<String> none = http.post(SHOP + "/greet", "[]");
        assertError(none, 400, "INVALID_ARGUMENT");
        assertThat(message(none)).isEqualTo("expected 1 arguments for greet(java.lang.String), got 0");
        HttpResponse<String> tooMany = http.post(SHOP + "/greet", "[\"a\", \"b\"]");
        assertThat(message(tooMany)).isEqualTo("more than 1 arguments for greet(java.lang.String)");
        HttpResponse<String> nullPrimitive = http.post(SHOP + "/price", "[\"x\", null]");
        assertError(nullPrimitive, 400, "INVALID_ARGUMENT");
        assertThat(message(nullPrimitive)).startsWith("arguments of price(java.lang.String,int) are not readable")
            .contains("null");
        assertError(http.post(SHOP + "/price", "[\"x\", \"many\"]"), 400, "INVALID_ARGUMENT");
    }

    @Test
    void headersBecomeRequestMetadata() {
        JsonNode metadata = tree(http.post(SHOP + "/metadata", "[]", "Authorization", "Bearer t0ken", "traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "X-Tenant", "acme", "rpc-timeout", "5s"));
        assertThat(metadata.get("authorization").asString()).isEqualTo("Bearer t0ken");
        assertThat(metadata.get("traceparent").asString())
            .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(metadata.get("x-tenant").asString()).isEqualTo("acme");
        assertThat(metadata.propertyNames()).doesNotContain("content-type", "content-length", "host", "user-agent",
                "connection", "rpc-timeout");
    }

    @Test
    void timeoutHeadersSetTheDeadline() {
        assertThat(http.post(SHOP + "/remainingMillis", "[]").body()).isEqualTo("-1");
        assertThat(Long.parseLong(http.post(SHOP + "/remainingMillis", "[]", "rpc-timeout", "5s").body())).isBetween(1L,
                5000L);
        assertThat(Long.parseLong(http.post(SHOP + "/remainingMillis", "[]", "X-Rpc-Timeout-Ms", "3000").body()))
            .isBetween(1L, 3000L);
        assertThat(Long.parseLong(
                http.post(SHOP + "/remainingMillis", "[]", "rpc-timeout", "PT20S", "X-Rpc-Timeout-Ms", "2000").body()))
            .isBetween(1L, 2000L);
    }

    @ParameterizedTest
    @CsvSource({ "X-Rpc-Timeout-Ms, 9223372036854775807", "X-Rpc-Timeout-Ms, 9300000000000",
            "X-Rpc-Timeout-Ms, 99999999999999999999999", "X-Rpc-Timeout-Ms, 100000000", "rpc-timeout, 9300000000000",
            "rpc-timeout, 9223372036854775807ms", "rpc-timeout, 200000d", "rpc-timeout, 99999999999999999999s" })
    void timeoutOverTheMaximumIsTheMaximum(String header, String value) {
        HttpResponse<String> response = http.post(SHOP + "/remainingMillis", "[]", header, value);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(response.body())).isBetween(Timeouts.MAX_MILLIS - 60_000, Timeouts.MAX_MILLIS);
    }

    @Test
    void unreadableTimeoutIsAnInvalidArgument() {
        HttpResponse<String> response = http.post(SHOP + "/remainingMillis", "[]", "rpc-timeout", "soon");
        assertError(response, 400, "INVALID_ARGUMENT");
        assertThat(message(response))
            .isEqualTo("header rpc-timeout must be a duration such as 500ms, 2s or PT0.5S," + " not 'soon'");
        assertError(http.post(SHOP + "/remainingMillis", "[]", "X-Rpc-Timeout-Ms", "-5"), 400, "INVALID_ARGUMENT");
        assertError(http.post(SHOP + "/remainingMillis", "[]", "X-Rpc-Timeout-Ms", "9e99"), 400, "INVALID_ARGUMENT");
        assertError(http.post(SHOP + "/remainingMillis", "[]", "X-Rpc-Timeout-Ms", "soon"), 400, "INVALID_ARGUMENT");
    }

    @Test
    void callThatOutlivesItsDeadlineAnswersGatewayTimeout() throws InterruptedException {
        HttpResponse<String> response = http.post(SHOP + "/block", "[]", "rpc-timeout", "200ms");
        assertError(response, 504, "DEADLINE_EXCEEDED");
        assertThat(message(response))
            .isEqualTo("the deadline of 200 ms passed before io.rpcboot.http.Shop.block() answered");
        assertThat(pair.serverBean(ShopService.class).awaitBlockStarted()).isTrue();
        assertThat(http.post(SHOP + "/greet", "[\"Ada\"]").statusCode()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, int httpStatus, String status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(httpStatus);
        if (status != null) {
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(tree(response).get("status").asString()).isEqualTo(status);
        }
    }

    private static String message(HttpResponse<String> response) {
        return tree(response).get("message").asString();
    }

    private static JsonNode tree(HttpResponse<String> response) {
        return tree(response.body());
    }

    private static JsonNode tree(String body) {
        return json.readTree(body);
    }

}
