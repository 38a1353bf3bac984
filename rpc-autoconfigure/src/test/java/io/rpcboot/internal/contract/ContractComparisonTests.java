package io.rpcboot.internal.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row per change to a service interface: the version callers were built against, the
 * new version, and the rule the change breaks ({@code null}: old callers keep working).
 * Both versions are described as the same service, so only their methods and types
 * differ.
 */
class ContractComparisonTests {

    private static final ContractDescriber DESCRIBER = ContractDescriber.withDefaultMapper();

    static Stream<Arguments> changes() {
        return Stream.of(row("a method added", Base.class, MethodAdded.class, null),
                row("an overload added", Base.class, OverloadAdded.class, null),
                row("a method removed", Base.class, MethodRemoved.class, ContractComparison.METHOD_REMOVED),
                row("a method renamed", Base.class, MethodRenamed.class, ContractComparison.METHOD_RENAMED),
                row("a parameter added", Base.class, ParameterAdded.class, ContractComparison.PARAMETER_ADDED),
                row("a parameter removed", Base.class, ParameterRemoved.class, ContractComparison.PARAMETER_REMOVED),
                row("parameters of different types reordered", Base.class, ParametersReordered.class,
                        ContractComparison.PARAMETERS_REORDERED),
                row("parameters of the same type reordered", Transfer.class, TransferReordered.class,
                        ContractComparison.PARAMETERS_REORDERED),
                row("a parameter retyped", Base.class, ParameterRetyped.class,
                        ContractComparison.PARAMETER_TYPE_CHANGED),
                row("a parameter's type argument retyped", Lists.class, ListOfLongs.class,
                        ContractComparison.PARAMETER_TYPE_CHANGED),
                row("a parameter widened", Ints.class, Longs.class, null),
                row("a parameter narrowed", Longs.class, Ints.class, ContractComparison.PARAMETER_TYPE_NARROWED),
                row("a result widened", Counter.class, LongCounter.class, ContractComparison.RESULT_TYPE_WIDENED),
                row("a result narrowed", LongCounter.class, Counter.class, null),
                row("a result retyped", Base.class, ResultRetyped.class, ContractComparison.RESULT_TYPE_CHANGED),
                row("a result made asynchronous", Base.class, Asynchronous.class, null),
                row("a result given to a void method", Release.class, ReleaseWithResult.class, null),
                row("a result taken away", ReleaseWithResult.class, Release.class,
                        ContractComparison.RESULT_TYPE_CHANGED),
                row("an enum constant removed from a parameter", SetColour.class, SetColourFewer.class,
                        ContractComparison.ENUM_CONSTANT_REMOVED),
                row("an enum constant added to a parameter", SetColourFewer.class, SetColour.class, null),
                row("an enum constant removed from a result", GetColour.class, GetColourFewer.class, null),
                row("an enum constant added to a result", GetColourFewer.class, GetColour.class,
                        ContractComparison.ENUM_CONSTANT_ADDED),
                row("a record component added to a result", GetItem.class, GetItemMore.class, null),
                row("a record component removed from a result", GetItemMore.class, GetItem.class,
                        ContractComparison.PROPERTY_REMOVED),
                row("a record component added to a parameter", PutItem.class, PutItemMore.class, null),
                row("a required record component added to a parameter", PutItem.class, PutItemRequired.class,
                        ContractComparison.REQUIRED_PROPERTY_ADDED),
                row("a record component removed from a parameter", PutItemMore.class, PutItem.class,
                        ContractComparison.PROPERTY_REMOVED),
                row("a record component retyped", GetItem.class, GetItemRetyped.class,
                        ContractComparison.PROPERTY_TYPE_CHANGED),
                row("a record component of a result widened", GetItem.class, GetItemWidened.class,
                        ContractComparison.PROPERTY_TYPE_WIDENED),
                row("a record component of a nested list removed", GetOrder.class, GetOrderFewer.class,
                        ContractComparison.PROPERTY_REMOVED),
                row("a map's value retyped", Prices.class, PricesAsText.class, ContractComparison.RESULT_TYPE_CHANGED),
                row("a declared exception added", Base.class, ExceptionAdded.class, ContractComparison.EXCEPTION_ADDED),
                row("a declared exception removed", ExceptionAdded.class, Base.class, null),
                row("a recursive type unchanged", Tree.class, Tree.class, null),
                row("a stream parameter's element retyped", Upload.class, UploadRetyped.class,
                        ContractComparison.PROPERTY_TYPE_CHANGED),
                row("a result made a stream", GetItem.class, StreamItems.class,
                        ContractComparison.STREAMING_SHAPE_CHANGED),
                row("a stream result made one result", StreamItems.class, GetItem.class,
                        ContractComparison.STREAMING_SHAPE_CHANGED),
                row("a result made a Mono", GetItem.class, GetItemLater.class, null),
                row("a Mono result of a stream parameter made a stream", Upload.class, UploadStreamingBack.class,
                        ContractComparison.STREAMING_SHAPE_CHANGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void change(String change, Class<?> previous, Class<?> current, @Nullable String rule) {
        List<BreakingChange> changes = ContractComparison.breakingChanges(asService(previous), asService(current));
        if (rule == null) {
            assertThat(changes).isEmpty();
        }
        else {
            assertThat(changes).extracting(BreakingChange::rule).containsExactly(rule);
            assertThat(changes.get(0).service()).isEqualTo("Service");
            assertThat(changes.get(0).method()).isNotNull();
        }
    }

    @Test
    void descriptionWithoutShapesComparesNoShapes() {
        // a server of a version that did not describe shapes: the shape is unknown,
        // never a change
        Contract previous = withoutShapes(asService(GetItem.class));
        assertThat(previous.services().get("Service").methods().get("item(java.lang.String)").shape()).isNull();
        assertThat(ContractComparison.breakingChanges(previous, asService(StreamItems.class))).isEmpty();
        assertThat(ContractComparison.breakingChanges(asService(GetItem.class),
                withoutShapes(asService(StreamItems.class))))
            .isEmpty();
    }

    @Test
    void shapeChangeNamesBothShapes() {
        assertThat(ContractComparison.breakingChanges(asService(GetItem.class), asService(StreamItems.class)))
            .singleElement()
            .hasToString("Service.item(java.lang.String): streaming shape changed (UNARY now RESULT_STREAM)");
    }

    @Test
    void removedServiceBreaksItsCallers() {
        Contract previous = asService(Base.class);
        Contract current = new Contract(Contract.FORMAT_VERSION, Map.of(), Map.of());
        assertThat(ContractComparison.breakingChanges(previous, current))
            .containsExactly(new BreakingChange("Service", null, ContractComparison.SERVICE_REMOVED, ""));
    }

    @Test
    void changeNamesTheMethodAndWhatChanged() {
        assertThat(ContractComparison.breakingChanges(asService(GetItemMore.class), asService(GetItem.class)))
            .singleElement()
            .hasToString("Service.item(java.lang.String): property removed (result.colour)");
        assertThat(ContractComparison.breakingChanges(asService(Base.class), asService(ParameterAdded.class)))
            .singleElement()
            .hasToString(
                    "Service.find(java.lang.String,int): parameter added (now find(java.lang.String,int,boolean))");
    }

    @Test
    void everyBreakingChangeIsReported() {
        assertThat(ContractComparison.breakingChanges(asService(Base.class), asService(Broken.class)))
            .extracting(BreakingChange::method, BreakingChange::rule)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("count()", ContractComparison.RESULT_TYPE_CHANGED),
                    org.assertj.core.groups.Tuple.tuple("find(java.lang.String,int)",
                            ContractComparison.METHOD_REMOVED));
    }

    private static Arguments row(String change, Class<?> previous, Class<?> current, @Nullable String rule) {
        return Arguments.of(change, previous, current, rule);
    }

    /**
     * Describes an interface under the service name {@code Service}, so that two nested
     * interfaces compare as two versions of one service.
     */
    private static Contract asService(Class<?> serviceInterface) {
        Contract contract = DESCRIBER.describe(List.of(serviceInterface));
        ServiceContract service = contract.services().get(serviceInterface.getName());
        return new Contract(contract.formatVersion(), Map.of("Service", service), contract.types());
    }

    /**
     * A contract as a server of the previous version describes it: JSON without shapes.
     */
    private static Contract withoutShapes(Contract contract) {
        String json = ContractJson.write(contract).replaceAll("\"shape\" : \"[A-Z_]+\",\\s*", "");
        assertThat(json).doesNotContain("\"shape\"");
        return ContractJson.read(json);
    }

    interface Base {

        String find(String name, int limit);

        String count();

    }

    interface MethodAdded extends Base {

        String describe();

    }

    interface OverloadAdded extends Base {

        String find(String name);

    }

    interface MethodRemoved {

        String count();

    }

    interface MethodRenamed {

        String search(String name, int limit);

        String count();

    }

    interface ParameterAdded {

        String find(String name, int limit, boolean exact);

        String count();

    }

    interface ParameterRemoved {

        String find(String name);

        String count();

    }

    interface ParametersReordered {

        String find(int limit, String name);

        String count();

    }

    interface ParameterRetyped {

        String find(String name, long limit);

        String count();

    }

    interface ResultRetyped {

        String find(String name, int limit);

        int count();

    }

    interface Asynchronous {

        CompletableFuture<String> find(String name, int limit);

        String count();

    }

    interface ExceptionAdded {

        String find(String name, int limit) throws NotFoundException;

        String count();

    }

    interface Broken {

        String find(String name);

        String find(long id);

        boolean count();

    }

    @SuppressWarnings("serial")
    static class NotFoundException extends Exception {

    }

    interface Transfer {

        void transfer(String from, String to);

    }

    interface TransferReordered {

        void transfer(String to, String from);

    }

    interface Lists {

        void add(List<String> values);

    }

    interface ListOfLongs {

        void add(List<Long> values);

    }

    interface Ints {

        void add(List<Integer> values);

    }

    interface Longs {

        void add(List<Long> values);

    }

    interface Counter {

        int count();

    }

    interface LongCounter {

        long count();

    }

    interface Release {

        void release(String id);

    }

    interface ReleaseWithResult {

        boolean release(String id);

    }

    enum Colour {

        RED, GREEN, BLUE

    }

    enum FewerColours {

        RED, GREEN

    }

    /**
     * A parameter's type may change without changing the method's key (which holds erased
     * types only): a generic super-interface stands for a record or enum that changes
     * under the same name.
     */
    interface Put<T> {

        void put(T value);

    }

    interface SetColour extends Put<Colour> {

    }

    interface SetColourFewer extends Put<FewerColours> {

    }

    interface GetColour {

        Colour colour();

    }

    interface GetColourFewer {

        FewerColours colour();

    }

    record Item(String name, int quantity) {
    }

    record ItemMore(String name, int quantity, String colour) {
    }

    record ItemRequired(String name, int quantity, @JsonProperty(required = true) String colour) {
    }

    record ItemRetyped(String name, String quantity) {
    }

    record ItemWidened(String name, long quantity) {
    }

    interface GetItem {

        Item item(String name);

    }

    interface GetItemMore {

        ItemMore item(String name);

    }

    interface GetItemRetyped {

        ItemRetyped item(String name);

    }

    interface GetItemWidened {

        ItemWidened item(String name);

    }

    interface PutItem extends Put<Item> {

    }

    interface PutItemMore extends Put<ItemMore> {

    }

    interface PutItemRequired extends Put<ItemRequired> {

    }

    record Order(String id, List<ItemMore> items) {
    }

    record OrderFewer(String id, List<Item> items) {
    }

    interface GetOrder {

        Order order(String id);

    }

    interface GetOrderFewer {

        OrderFewer order(String id);

    }

    interface Prices {

        Map<String, Long> prices();

    }

    interface PricesAsText {

        Map<String, String> prices();

    }

    record Node(String name, List<Node> children) {
    }

    interface Tree {

        Node tree();

    }

    record LineV1(String text, int number) {
    }

    record LineV2(String text, String number) {
    }

    interface Upload {

        Mono<Long> up(Flux<LineV1> lines);

    }

    interface UploadRetyped {

        Mono<Long> up(Flux<LineV2> lines);

    }

    interface UploadStreamingBack {

        Flux<Long> up(Flux<LineV1> lines);

    }

    interface StreamItems {

        Flux<Item> item(String name);

    }

    interface GetItemLater {

        Mono<Item> item(String name);

    }

}
