package io.rpcboot.http;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A number with a fraction sent for an integer parameter is refused, on both protocols,
 * rather than read with its fraction cut off (Jackson's default): a caller that sends
 * {@code 3.7} for an {@code int} has a bug that rpcboot reports instead of hiding. The
 * application's own {@link JsonMapper} is left as it is.
 */
class FractionalNumberTests {

    private static final String SHOP = Shop.class.getName();

    private static final String PRICE = "price(java.lang.String,int)";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class);

    @Test
    void fractionForAnIntIsRefusedOverHttp() {
        HttpCalls http = new HttpCalls(pair.port());
        HttpResponse<String> refused = http.post("/" + SHOP + "/" + PRICE, "[\"sku-1\", 3.7]");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"status\":\"INVALID_ARGUMENT\"");
        assertThat(http.post("/" + SHOP + "/" + PRICE, "[\"sku-1\", 3]").body()).isEqualTo("30");
    }

    @Test
    void fractionForAnIntIsRefusedOverTheBinaryProtocol() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(7, SHOP, PRICE, 0, "[\"sku-1\", 3.7]");
            RawConnection.Response refused = connection.readResponse();
            assertThat(refused.id()).isEqualTo(7);
            assertThat(refused.status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
            connection.writeRequest(8, SHOP, PRICE, 0, "[\"sku-1\", 3]");
            RawConnection.Response served = connection.readResponse();
            assertThat(served.status()).isEqualTo(RpcStatus.OK);
            assertThat(served.payload()).isEqualTo("30");
        }
    }

    @Test
    void applicationMapperStillReadsAFractionForAnInt() {
        assertThat(pair.serverBean(JsonMapper.class).readValue("3.7", int.class)).isEqualTo(3);
    }

}
