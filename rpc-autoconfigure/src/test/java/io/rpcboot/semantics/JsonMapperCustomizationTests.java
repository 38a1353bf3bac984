package io.rpcboot.semantics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.dataformat.smile.SmileMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RawServer;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads follow the application's Spring Boot {@code JsonMapper}, in JSON and in Smile:
 * a {@code Money} type that a user's Jackson module writes as a string
 * ({@code "12.50 EUR"}) and reads only from a string crosses the wire in that form in
 * both formats. The server registers the module as a {@link JacksonModule} bean, the
 * client through a {@link JsonMapperBuilderCustomizer}: both are ordinary Spring Boot
 * customizations, and the Smile mapper is built from the customized {@code JsonMapper}.
 * The raw side reads and writes Smile with Jackson's own {@link SmileMapper}.
 */
class JsonMapperCustomizationTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("prices", AutoConfiguredApplication.class, ClientApp.class);

    private static final SmileMapper SMILE = SmileMapper.builder().build();

    @Test
    void customizedTypeRoundTripsBetweenClientAndServerInSmile() {
        Prices prices = pair.clientBean(Prices.class);
        Money total = prices.total(List.of(Money.of("12.50 EUR"), Money.of("0.75 EUR")));
        assertThat(total).isEqualTo(Money.of("13.25 EUR"));
    }

    @Test
    void customizedTypeRoundTripsBetweenClientAndServerInJson() {
        try (ConfigurableApplicationContext jsonClient = pair.startClient("rpc.client.payload-format=json")) {
            Money total = jsonClient.getBean(Prices.class).total(List.of(Money.of("1.50 EUR"), Money.of("2 EUR")));
            assertThat(total).isEqualTo(Money.of("3.50 EUR"));
        }
    }

    @Test
    void serverReadsAndWritesTheCustomizedFormInSmile() {
        try (RawConnection connection = smileReadingClient()) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, Prices.class.getName(), "total(java.util.List)", 0,
                    SMILE.writeValueAsBytes(List.of(List.of("12.50 EUR", "0.75 EUR"))));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(SMILE.readValue(response.payloadBytes(), String.class)).isEqualTo("13.25 EUR");
        }
    }

    @Test
    void serverRefusesTheUncustomizedFormInSmile() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, RawConnection.FLAG_SMILE, Prices.class.getName(), "total(java.util.List)", 0,
                    SMILE.writeValueAsBytes(List.of(List.of(Map.of("amount", 12.5, "currency", "EUR")))));
            assertThat(connection.readResponse().status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
        }
    }

    @Test
    void clientWritesAndReadsTheCustomizedFormInSmile() {
        try (RawServer rawServer = new RawServer();
                ConfigurableApplicationContext rawClient = pair
                    .startClient("rpc.client.services.prices.urls=" + rawServer.url())) {
            Prices prices = rawClient.getBean(Prices.class);
            CompletableFuture<Money> total = CompletableFuture
                .supplyAsync(() -> prices.total(List.of(Money.of("1.25 CHF"))));
            try (RawConnection connection = rawServer.acceptAndHandshake(4 * 1024 * 1024,
                    RawConnection.FORMAT_JSON | RawConnection.FORMAT_SMILE)) {
                RawConnection.Request request = connection.readRequest();
                assertThat(request.flags() & RawConnection.FLAG_SMILE).isEqualTo(RawConnection.FLAG_SMILE);
                assertThat(SMILE.readValue(request.argumentBytes(), List.class))
                    .isEqualTo(List.of(List.of("1.25 CHF")));
                connection.writeResponse(request.id(), RawConnection.FLAG_SMILE, RpcStatus.OK,
                        SMILE.writeValueAsBytes("2.50 CHF"));
                assertThat(total).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Money.of("2.50 CHF"));
            }
        }
    }

    @Test
    void serverReadsAndWritesTheCustomizedFormInJson() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, Prices.class.getName(), "total(java.util.List)", 0,
                    "[[\"12.50 EUR\", \"0.75 EUR\"]]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("\"13.25 EUR\"");
        }
    }

    @Test
    void serverRefusesTheUncustomizedFormInJson() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, Prices.class.getName(), "total(java.util.List)", 0,
                    "[[{\"amount\": 12.50, \"currency\": \"EUR\"}]]");
            assertThat(connection.readResponse().status()).isEqualTo(RpcStatus.INVALID_ARGUMENT);
        }
    }

    @Test
    void clientWritesAndReadsTheCustomizedFormInJson() {
        try (RawServer rawServer = new RawServer();
                ConfigurableApplicationContext rawClient = pair
                    .startClient("rpc.client.services.prices.urls=" + rawServer.url())) {
            Prices prices = rawClient.getBean(Prices.class);
            CompletableFuture<Money> total = CompletableFuture
                .supplyAsync(() -> prices.total(List.of(Money.of("1.25 CHF"))));
            try (RawConnection connection = rawServer.acceptAndHandshake(4 * 1024 * 1024)) {
                RawConnection.Request request = connection.readRequest();
                assertThat(request.arguments()).isEqualTo("[[\"1.25 CHF\"]]");
                connection.writeResponse(request.id(), RpcStatus.OK, "\"2.50 CHF\"");
                assertThat(total).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Money.of("2.50 CHF"));
            }
        }
    }

    /**
     * An amount of money, written by {@link MoneyModule} as
     * {@code "<amount> <currency>"}.
     *
     * @param amount the amount
     * @param currency the currency code
     */
    public record Money(BigDecimal amount, String currency) {

        static Money of(String text) {
            String[] parts = text.split(" ");
            return new Money(new BigDecimal(parts[0]), parts[1]);
        }

        String text() {
            return this.amount.toPlainString() + " " + this.currency;
        }

    }

    /**
     * Writes {@link Money} as a string and reads it only from a string.
     */
    static class MoneyModule extends SimpleModule {

        MoneyModule() {
            super("money");
            addSerializer(Money.class, new StdSerializer<>(Money.class) {
                @Override
                public void serialize(Money value, JsonGenerator generator, SerializationContext context) {
                    generator.writeString(value.text());
                }
            });
            addDeserializer(Money.class, new StdDeserializer<>(Money.class) {
                @Override
                public Money deserialize(JsonParser parser, DeserializationContext context) {
                    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                        return (Money) context.handleUnexpectedToken(Money.class, parser);
                    }
                    return Money.of(parser.getString());
                }
            });
        }

    }

    @RpcClient(name = "prices")
    public interface Prices {

        Money total(List<Money> prices);

    }

    @RpcService
    static class PricesImpl implements Prices {

        @Override
        public Money total(List<Money> prices) {
            BigDecimal sum = prices.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Money(sum, prices.get(0).currency());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        PricesImpl prices() {
            return new PricesImpl();
        }

        @Bean
        JacksonModule moneyModule() {
            return new MoneyModule();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Prices.class)
    static class ClientApp {

        @Bean
        JsonMapperBuilderCustomizer moneyCustomizer() {
            return (builder) -> builder.addModule(new MoneyModule());
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
