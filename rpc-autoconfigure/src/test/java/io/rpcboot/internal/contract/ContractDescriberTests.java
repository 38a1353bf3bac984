package io.rpcboot.internal.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A contract describes each method as the wire sees it: its key, and the schema of what
 * Jackson writes for its parameters and result.
 */
class ContractDescriberTests {

    private final Contract contract = ContractDescriber.withDefaultMapper().describe(List.of(Shop.class));

    private final ServiceContract shop = this.contract.services().get(Shop.class.getName());

    @Test
    void methodsAreKeyedAsOnTheWireWithParameterNamesAndSortedExceptions() {
        assertThat(this.shop.methods()).containsOnlyKeys("order(java.lang.String)", "find(java.lang.Object)",
                "place(" + Order.class.getName() + ",boolean)", "stock(java.util.Set)", "photo(long)");
        MethodContract place = this.shop.methods().get("place(" + Order.class.getName() + ",boolean)");
        assertThat(place.parameters()).extracting(ParameterContract::name).containsExactly("order", "express");
        assertThat(place.exceptions()).containsExactly(AnotherException.class.getName(),
                SoldOutException.class.getName());
    }

    @Test
    void recordsAreObjectsWithTheirPropertiesAsJacksonWritesThem() {
        Schema order = this.contract.types().get(Order.class.getName());
        assertThat(order.type()).isEqualTo("object");
        assertThat(order.properties()).containsOnlyKeys("id", "lines", "placed", "delivery", "status", "total", "note",
                "attributes");
        assertThat(order.required()).containsExactly("id");
        assertThat(order.properties().get("placed")).isEqualTo(Schema.scalar("string", "date-time"));
        assertThat(order.properties().get("delivery")).isEqualTo(Schema.scalar("string", "date"));
        assertThat(order.properties().get("note")).isEqualTo(Schema.scalar("string", null));
        assertThat(order.properties().get("total")).isEqualTo(Schema.scalar("string", null));
        assertThat(order.properties().get("status")).isEqualTo(Schema.enumeration(List.of("NEW", "PAID", "sent")));
        assertThat(order.properties().get("lines")).isEqualTo(Schema.array(Schema.reference(Line.class.getName())));
        assertThat(order.properties().get("attributes")).isEqualTo(Schema.map(Schema.ANY));
        assertThat(this.contract.types().get(Line.class.getName()).properties()).containsOnlyKeys("sku", "quantity");
    }

    @Test
    void genericsAreResolvedAgainstTheServiceInterface() {
        MethodContract find = this.shop.methods().get("find(java.lang.Object)");
        assertThat(find.parameters().get(0).type()).isEqualTo("java.lang.Long");
        assertThat(find.parameters().get(0).schema()).isEqualTo(Schema.scalar("integer", "int64"));
        assertThat(find.result().type()).isEqualTo("java.util.List<" + Order.class.getName() + ">");
        assertThat(find.result().schema()).isEqualTo(Schema.array(Schema.reference(Order.class.getName())));
    }

    @Test
    void asynchronousResultsAreTheirValuesAndOptionalIsItsContent() {
        MethodContract order = this.shop.methods().get("order(java.lang.String)");
        assertThat(order.result().type())
            .isEqualTo("java.util.concurrent.CompletableFuture<" + Order.class.getName() + ">");
        assertThat(order.result().schema()).isEqualTo(Schema.reference(Order.class.getName()));
        MethodContract stock = this.shop.methods().get("stock(java.util.Set)");
        assertThat(stock.parameters().get(0).schema()).isEqualTo(Schema.array(Schema.scalar("string", null)));
        assertThat(stock.result().schema()).isEqualTo(Schema.map(Schema.scalar("integer", "int32")));
        MethodContract photo = this.shop.methods().get("photo(long)");
        assertThat(photo.result().type()).isEqualTo("java.util.Optional<byte[]>");
        assertThat(photo.result().schema()).isEqualTo(Schema.scalar("string", "byte"));
    }

    @Test
    void placeWithoutResultHasTheNullSchema() {
        MethodContract place = this.shop.methods().get("place(" + Order.class.getName() + ",boolean)");
        assertThat(place.result().schema()).isEqualTo(Schema.NONE);
    }

    @Test
    void jsonIsSortedIndentedAndReadsBackEqual() {
        String json = ContractJson.write(this.contract);
        assertThat(ContractJson.read(json)).isEqualTo(this.contract);
        assertThat(ContractJson.write(ContractJson.read(json))).isEqualTo(json);
        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertThat(tree.propertyNames()).containsExactly("formatVersion", "services", "types");
        assertThat(tree.get("services").get(Shop.class.getName()).get("methods").propertyNames()).containsExactly(
                "find(java.lang.Object)", "order(java.lang.String)", "photo(long)",
                "place(" + Order.class.getName() + ",boolean)", "stock(java.util.Set)");
        assertThat(json).contains("\"$ref\" : \"#/types/" + Line.class.getName() + "\"").endsWith("}\n");
    }

    @Test
    void unreadableContractIsRefusedWithTheReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> ContractJson.read("[1, 2]"))
            .withMessageStartingWith("not an rpc contract");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ContractJson.read("{\"formatVersion\": 9, \"services\": {}, \"types\": {}}"))
            .withMessage("the contract's format version is 9, this version of rpcboot reads 1");
    }

    @Test
    void classesThatAreNotInterfacesAreRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ContractDescriber.withDefaultMapper().describe(List.of(Order.class)))
            .withMessage(Order.class.getName() + " is not an interface");
    }

    interface Repository<T, ID> {

        List<T> find(ID id);

    }

    interface Shop extends Repository<Order, Long> {

        CompletableFuture<Order> order(String id);

        void place(Order order, boolean express) throws SoldOutException, AnotherException;

        Map<String, Integer> stock(Set<String> skus);

        Optional<byte[]> photo(long id);

        default String greeting() {
            return "hello";
        }

        static Shop none() {
            throw new UnsupportedOperationException();
        }

    }

    enum Status {

        NEW, PAID, @JsonProperty("sent")
        SENT

    }

    record Line(String sku, int quantity, @JsonIgnore String internal) {
    }

    record Order(@JsonProperty(required = true) String id, List<Line> lines, Instant placed, LocalDate delivery,
            Status status, @JsonFormat(shape = JsonFormat.Shape.STRING) long total, Optional<String> note,
            Map<String, Object> attributes) {
    }

    @SuppressWarnings("serial")
    static class SoldOutException extends Exception {

    }

    @SuppressWarnings("serial")
    static class AnotherException extends RuntimeException {

    }

}
