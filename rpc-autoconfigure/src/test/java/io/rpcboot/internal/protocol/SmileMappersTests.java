package io.rpcboot.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.dataformat.smile.SmileMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Smile twin of an application's mapper writes real Smile, with the application
 * mapper's modules, naming strategy, features, inclusion rules and mix-ins, and without
 * the JSON-only parser and generator features of the JSON mapper (whose bits mean other
 * things to Smile).
 */
class SmileMappersTests {

    private static final SmileMapper PLAIN_SMILE = SmileMapper.builder().build();

    @Test
    void writesSmileThatPlainSmileReads() {
        ObjectMapper twin = SmileMappers.twinOf(JsonMapper.builder().build());
        byte[] written = twin.writeValueAsBytes(new Parcel("p-1", 2.5, List.of("fragile"), null, null));
        assertThat(new String(written, 0, 3, StandardCharsets.ISO_8859_1)).as("Smile header").isEqualTo(":)\n");
        assertThat(PLAIN_SMILE.readTree(written).get("weightKg").asDouble()).isEqualTo(2.5);
        assertThat(twin.readValue(written, Parcel.class))
            .isEqualTo(new Parcel("p-1", 2.5, List.of("fragile"), null, null));
    }

    @Test
    void carriesTheApplicationMappersConfiguration() {
        SimpleModule module = new SimpleModule("ids").addSerializer(Long.class, ToStringSerializer.instance);
        JsonMapper json = JsonMapper.builder()
            .addModule(module)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addMixIn(Parcel.class, ParcelMixIn.class)
            .build();
        ObjectMapper twin = SmileMappers.twinOf(json);
        Parcel parcel = new Parcel("p-2", 1.0, List.of(), 42L, LocalDate.of(2026, 11, 22));
        assertThat(PLAIN_SMILE.readTree(twin.writeValueAsBytes(parcel)))
            .isEqualTo(json.readTree(json.writeValueAsString(parcel)));
        assertThat(PLAIN_SMILE.readTree(twin.writeValueAsBytes(parcel)).toString())
            .isEqualTo("{\"id\":\"p-2\",\"weight-kg\":1.0,\"labels\":[],\"tracking\":\"42\"}");
    }

    @Test
    void carriesDateFeatures() {
        JsonMapper json = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        ObjectMapper twin = SmileMappers.twinOf(json);
        Parcel parcel = new Parcel("p-3", 1.0, List.of(), null, LocalDate.of(2026, 11, 22));
        assertThat(PLAIN_SMILE.readTree(twin.writeValueAsBytes(parcel)).get("shipped").isArray()).isTrue();
        assertThat(twin.readValue(twin.writeValueAsBytes(parcel), Parcel.class)).isEqualTo(parcel);
    }

    @Test
    void leavesJsonOnlyStreamFeaturesBehind() {
        JsonMapper json = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII, JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
        ObjectMapper twin = SmileMappers.twinOf(json);
        Parcel parcel = new Parcel("pâquet", 3.25, List.of("ünïcode"), 7L, null);
        byte[] written = twin.writeValueAsBytes(parcel);
        assertThat(written).isEqualTo(PLAIN_SMILE.writeValueAsBytes(parcel));
        assertThat(twin.readValue(written, Parcel.class)).isEqualTo(parcel);
    }

    /**
     * A parcel.
     *
     * @param id its id
     * @param weightKg its weight
     * @param labels its labels
     * @param tracking its tracking number, when it has one
     * @param shipped when it was shipped
     */
    record Parcel(String id, double weightKg, List<String> labels, Long tracking, LocalDate shipped) {
    }

    abstract static class ParcelMixIn {

        @JsonIgnore
        abstract LocalDate shipped();

    }

}
