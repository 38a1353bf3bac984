package io.rpcboot.http;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code rpc.server.error.include-message=always}, an HTTP caller also reads the
 * message of an exception the method does not declare; stack traces still never travel.
 */
class HttpErrorMessageTests {

    private static final String SHOP = "/io.rpcboot.http.Shop";

    private static final JsonMapper json = new JsonMapper();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class)
        .serverProperties("rpc.server.error.include-message=always");

    private final HttpCalls http = new HttpCalls(pair.port());

    @Test
    void undeclaredExceptionCarriesItsMessage() {
        HttpResponse<String> response = http.post(SHOP + "/crash", "[\"boom\"]");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body())).isEqualTo(json
            .readTree("{\"status\":\"APPLICATION_ERROR\",\"message\":\"java.lang.IllegalStateException: boom\"}"));
    }

    @Test
    void declaredExceptionCarriesItsMessageAsWithoutTheSetting() {
        HttpResponse<String> response = http.post(SHOP + "/reserve", "[\"sku-1\", 5]");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"status\":\"APPLICATION_ERROR\","
                + "\"message\":\"only 3 left of sku-1\",\"exception\":\"io.rpcboot.http.Shop$OutOfStockException\"}"));
    }

}
