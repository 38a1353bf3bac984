package io.rpcboot.http;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.support.RpcApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code rpc.server.error.include-message=always}, an HTTP caller also reads the message of an
 * exception the method does not declare; stack traces still never travel.
 */
class HttpErrorMessageTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    private static final JsonMapper json = new JsonMapper();

    static ConfigurableApplicationContext server;

    static HttpCalls http;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { ShopApplication.class },
                "rpc.server.error.include-message=always");
        http = new HttpCalls(RpcApplications.port(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void undeclaredExceptionCarriesItsMessage() {
        HttpResponse<String> response = http.post(SHOP + "/crash", "[\"boom\"]");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree(
                "{\"status\":\"APPLICATION_ERROR\",\"message\":\"java.lang.IllegalStateException: boom\"}"));
    }

    @Test
    void declaredExceptionCarriesItsMessageAsWithoutTheSetting() {
        HttpResponse<String> response = http.post(SHOP + "/reserve", "[\"sku-1\", 5]");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"status\":\"APPLICATION_ERROR\","
                + "\"message\":\"only 3 left of sku-1\",\"exception\":\"io.rpcboot.http.Shop$OutOfStockException\"}"));
    }

}
