package io.rpcboot.semantics;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.RpcJsonMapperBuilderCustomizer;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link RpcJsonMapperBuilderCustomizer} bean shapes rpcboot's payloads, in JSON and
 * in Smile, and leaves the application's own {@code JsonMapper} (its web JSON) as it was:
 * here RPC payloads use snake_case property names while the application's JSON keeps
 * camelCase.
 */
class RpcOnlyMapperCustomizationTests {

    private static final String ORDERS = Orders.class.getName();

    private static final String DOUBLED = "doubled(" + Line.class.getName() + ")";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class);

    @Test
    void applicationJsonMapperIsNotAffected() {
        JsonNode written = pair.serverBean(JsonMapper.class).valueToTree(new Line("sku-1", 3));
        assertThat(written.has("unitCount")).isTrue();
        assertThat(written.has("unit_count")).isFalse();
    }

    @Test
    void jsonPayloadsFollowTheRpcCustomization() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, ORDERS, DOUBLED, 0, "[{\"sku\": \"sku-1\", \"unit_count\": 3}]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("{\"sku\":\"sku-1\",\"unit_count\":6}");
        }
    }

    @Test
    void smilePayloadsFollowTheRpcCustomization() {
        SmileMapper smile = SmileMapper.builder().build();
        try (RawConnection connection = smileReadingClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, ORDERS, DOUBLED, 0,
                    smile.writeValueAsBytes(List.of(Map.of("sku", "sku-1", "unit_count", 4))));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            JsonNode line = smile.readTree(response.payloadBytes());
            assertThat(line.get("unit_count").asInt()).isEqualTo(8);
            assertThat(line.has("unitCount")).isFalse();
        }
    }

    @Test
    void clientAndServerWithTheSameCustomizationCallEachOther() {
        try (ConfigurableApplicationContext client = RpcApplications.client(pair.server(), "orders",
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            assertThat(client.getBean(Orders.class).doubled(new Line("sku-2", 5))).isEqualTo(new Line("sku-2", 10));
        }
    }

    /**
     * An order line.
     *
     * @param sku what is ordered
     * @param unitCount how many
     */
    public record Line(String sku, int unitCount) {
    }

    @RpcClient(name = "orders")
    public interface Orders {

        Line doubled(Line line);

    }

    @RpcService
    static class OrdersImpl implements Orders {

        @Override
        public Line doubled(Line line) {
            return new Line(line.sku(), line.unitCount() * 2);
        }

    }

    static RpcJsonMapperBuilderCustomizer snakeCase() {
        return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        OrdersImpl orders() {
            return new OrdersImpl();
        }

        @Bean
        RpcJsonMapperBuilderCustomizer rpcSnakeCase() {
            return snakeCase();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Orders.class)
    static class ClientApp {

        @Bean
        RpcJsonMapperBuilderCustomizer rpcSnakeCase() {
            return snakeCase();
        }

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

}
