package io.rpcboot.internal.protocol;

import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@link RecordReadersModule}, records read exactly as Jackson reads them without
 * it, whatever the order of their properties, missing or unknown ones, renames, aliases
 * and the mapper's settings; only the work per record changes.
 */
class RecordReadersModuleTests {

    private static final String PARCELS = "[{\"id\":\"p-1\",\"weight\":2.5,\"labels\":[\"fragile\"]},"
            + "{\"id\":\"p-2\",\"weight\":0.5,\"labels\":[]}]";

    @Test
    void recordsInComponentOrderReadAsWithoutTheModule() {
        TypeReference<List<Parcel>> parcels = new TypeReference<>() {
        };
        assertThat(withModule(UnaryOperator.identity()).readValue(PARCELS, parcels))
            .isEqualTo(plain(UnaryOperator.identity()).readValue(PARCELS, parcels))
            .containsExactly(new Parcel("p-1", 2.5, List.of("fragile")), new Parcel("p-2", 0.5, List.of()));
    }

    @Test
    void recordsInComponentOrderAreNotBuiltThroughJacksonsBuffer() {
        String json = "{\"id\":\"p-1\",\"viaBuffer\":false}";
        assertThat(plain(UnaryOperator.identity()).readValue(json, BuildProbe.class).viaBuffer()).isTrue();
        assertThat(withModule(UnaryOperator.identity()).readValue(json, BuildProbe.class).viaBuffer()).isFalse();
    }

    @Test
    void propertiesInAnotherOrderReadAsWithoutTheModule() {
        readsAsPlain("{\"labels\":[\"a\"],\"weight\":1.5,\"id\":\"p-3\"}", Parcel.class, UnaryOperator.identity());
        readsAsPlain("{\"id\":\"p-3\",\"labels\":[\"a\"],\"weight\":1.5}", Parcel.class, UnaryOperator.identity());
    }

    @Test
    void missingPropertiesReadAsWithoutTheModule() {
        readsAsPlain("{\"id\":\"p-4\"}", Parcel.class, UnaryOperator.identity());
        readsAsPlain("{\"id\":\"p-4\"}", Parcel.class,
                (builder) -> builder.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
        readsAsPlain("{\"weight\":1.0}", Parcel.class,
                (builder) -> builder.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES));
        readsAsPlain("{\"id\":\"p-4\",\"weight\":null,\"labels\":[]}", Parcel.class,
                (builder) -> builder.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES));
    }

    @Test
    void unknownAndIgnoredPropertiesReadAsWithoutTheModule() {
        String unknownFirst = "{\"colour\":\"red\",\"id\":\"p-5\",\"weight\":1.0,\"labels\":[]}";
        String unknownLast = "{\"id\":\"p-5\",\"weight\":1.0,\"labels\":[],\"colour\":{\"r\":1}}";
        for (String json : List.of(unknownFirst, unknownLast)) {
            readsAsPlain(json, Parcel.class,
                    (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            readsAsPlain(json, Parcel.class,
                    (builder) -> builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            readsAsPlain(json.replace("colour", "internal"), Tolerant.class,
                    (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            readsAsPlain(json.replace("colour", "weight"), Tolerant.class,
                    (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        }
    }

    @Test
    void duplicatePropertiesReadAsWithoutTheModule() {
        readsAsPlain("{\"id\":\"p-6\",\"id\":\"p-7\",\"weight\":1.0,\"labels\":[]}", Parcel.class,
                UnaryOperator.identity());
        readsAsPlain("{\"id\":\"p-6\",\"weight\":1.0,\"labels\":[],\"id\":\"p-7\"}", Parcel.class,
                UnaryOperator.identity());
    }

    @Test
    void propertiesOutsideTheActiveViewAreLeftOutAsWithoutTheModule() {
        String json = "{\"name\":\"Ada\",\"secret\":\"s3\"}";
        Account withModule = withModule(UnaryOperator.identity()).readerWithView(Public.class)
            .forType(Account.class)
            .readValue(json);
        Account plain = plain(UnaryOperator.identity()).readerWithView(Public.class)
            .forType(Account.class)
            .readValue(json);
        assertThat(withModule).isEqualTo(plain).isEqualTo(new Account("Ada", null));
    }

    @Test
    void constructorThatRefusesItsArgumentsFailsAsWithoutTheModule() {
        readsAsPlain("{\"id\":\"p-8\",\"weight\":-1,\"labels\":[]}", Parcel.class, UnaryOperator.identity());
    }

    @Test
    void renamesAliasesNamingStrategyAndCaseInsensitivityApply() {
        UnaryOperator<JsonMapper.Builder> snakeCase = (builder) -> builder
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        String json = "{\"order_id\":\"o-1\",\"qty\":3,\"unit_price\":9.5}";
        readsAsPlain(json, Order.class, snakeCase);
        assertThat(withModule(snakeCase).readValue(json, Order.class)).isEqualTo(new Order("o-1", 3, 9.5));
        readsAsPlain("{\"order_id\":\"o-1\",\"amount\":3,\"unit_price\":9.5}", Order.class, snakeCase);
        readsAsPlain("{\"ORDER_ID\":\"o-1\",\"QTY\":3,\"Unit_Price\":9.5}", Order.class,
                (builder) -> snakeCase.apply(builder).enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES));
    }

    @Test
    void codecRoundTripsRecordsWithTheApplicationsNamingStrategyAndRenames() {
        JsonMapper application = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
        PayloadCodec codec = PayloadCodec.forApplication(application, List.of(), false);
        List<Order> orders = List.of(new Order("o-1", 3, 9.5), new Order("o-2", 1, 0.25));
        for (PayloadFormat format : PayloadFormat.values()) {
            ObjectMapper mapper = codec.mapper(format);
            byte[] written = mapper.writeValueAsBytes(orders);
            assertThat(mapper.readValue(written, new TypeReference<List<Order>>() {
            })).isEqualTo(orders);
        }
        assertThat(codec.mapper().writeValueAsString(orders.get(0)))
            .isEqualTo("{\"order_id\":\"o-1\",\"qty\":3,\"unit_price\":9.5}");
    }

    @Test
    void codecReadsRecordsWithoutJacksonsBuffer() {
        PayloadCodec codec = PayloadCodec.forApplication(JsonMapper.builder().build(), List.of(), false);
        for (PayloadFormat format : PayloadFormat.values()) {
            ObjectMapper mapper = codec.mapper(format);
            byte[] written = mapper.writeValueAsBytes(new BuildProbe("p-1", true));
            assertThat(mapper.readValue(written, BuildProbe.class).viaBuffer()).as(format.displayName()).isFalse();
        }
    }

    private static <T> void readsAsPlain(String json, Class<T> type, UnaryOperator<JsonMapper.Builder> settings) {
        Object expected = read(plain(settings), json, type);
        Object actual = read(withModule(settings), json, type);
        assertThat(actual).as(json).isEqualTo(expected);
    }

    /** The value read, or the failure's type and message. */
    private static Object read(JsonMapper mapper, String json, Class<?> type) {
        try {
            return mapper.readValue(json, type);
        }
        catch (JacksonException ex) {
            return ex.getClass().getName() + ": " + ex.getOriginalMessage();
        }
    }

    private static JsonMapper plain(UnaryOperator<JsonMapper.Builder> settings) {
        return settings.apply(JsonMapper.builder().addModule(new ConstructorCreatorsModule())).build();
    }

    private static JsonMapper withModule(UnaryOperator<JsonMapper.Builder> settings) {
        return settings
            .apply(JsonMapper.builder().addModule(new ConstructorCreatorsModule()).addModule(new RecordReadersModule()))
            .build();
    }

    /**
     * A parcel.
     *
     * @param id its id
     * @param weight its weight, not negative
     * @param labels its labels
     */
    record Parcel(String id, double weight, List<String> labels) {

        Parcel {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must not be negative");
            }
        }

    }

    /**
     * An order, its quantity renamed and with an alias.
     *
     * @param orderId its id
     * @param quantity how many
     * @param unitPrice the price of one
     */
    record Order(String orderId, @JsonProperty("qty") @JsonAlias("amount") int quantity, double unitPrice) {
    }

    /**
     * A record that ignores a property it does not have and one of its components by
     * name.
     *
     * @param id its id
     * @param weight its weight
     * @param labels its labels
     */
    @JsonIgnoreProperties({ "internal", "weight" })
    record Tolerant(String id, double weight, List<String> labels) {
    }

    /** The view of an account's public properties. */
    interface Public {

    }

    /**
     * An account with a property outside the {@link Public} view.
     *
     * @param name its name
     * @param secret its secret
     */
    record Account(@JsonView(Public.class) String name, @Nullable String secret) {
    }

    /**
     * Remembers whether Jackson built it through its {@code PropertyValueBuffer}.
     *
     * @param id an id
     * @param viaBuffer set by the constructor from its caller's stack
     */
    record BuildProbe(String id, boolean viaBuffer) {

        BuildProbe {
            viaBuffer = StackWalker.getInstance()
                .walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().endsWith(".PropertyBasedCreator")
                        && frame.getMethodName().equals("build")));
        }

    }

}
