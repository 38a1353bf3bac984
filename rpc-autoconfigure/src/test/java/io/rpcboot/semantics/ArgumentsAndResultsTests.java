package io.rpcboot.semantics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arguments and results of every common kind cross the socket and come back as the same
 * values of the declared types, including nested generic types.
 */
class ArgumentsAndResultsTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("types", AutoConfiguredApplication.class, ClientApp.class);

    private final Types types = pair.clientBean(Types.class);

    private final Items items = pair.clientBean(Items.class);

    @Test
    void primitiveArgumentsKeepTheirValuesAtTheExtremes() {
        Primitives sent = new Primitives(Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
                Float.MIN_VALUE, -0.1, true, '\u00e9');
        Primitives received = types.primitives(sent.b(), sent.s(), sent.i(), sent.l(), sent.f(), sent.d(), sent.z(),
                sent.c());
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void nonFiniteDoublesKeepTheirValues() {
        assertThat(types.half(Double.NaN)).isNaN();
        assertThat(types.half(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void primitiveResultsComeBackAsPrimitives() {
        assertThat(types.length("h\u00e9llo")).isEqualTo(5);
        assertThat(types.isBlank("  ")).isTrue();
        assertThat(types.half(3)).isEqualTo(1.5);
        assertThat(types.next('a')).isEqualTo('b');
        assertThat(types.negate(Long.MIN_VALUE + 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void boxedArgumentsAndResultsKeepValuesAndNull() {
        assertThat(types.incrementOrNull(41)).isEqualTo(42);
        assertThat(types.incrementOrNull(null)).isNull();
    }

    @Test
    void stringsKeepEveryCharacter() {
        String text = "h\u00e9llo w\u00f6rld \ud83d\ude00 \"quoted\" \\ \n\t\u0000 \u2028 end";
        assertThat(types.echo(text)).isEqualTo(text);
    }

    @Test
    void nullArgumentArrivesAsNullAndNullResultReturnsNull() {
        assertThat(types.echo(null)).isNull();
        assertThat(pair.serverBean(TypesImpl.class).lastEchoed.get()).isEqualTo(Optional.empty());
    }

    @Test
    void voidMethodRunsOnTheServerAndReturnsNormally() {
        types.remember("remember me");
        assertThat(pair.serverBean(TypesImpl.class).remembered.get()).isEqualTo("remember me");
    }

    @Test
    void recordsRoundTrip() {
        assertThat(types.restock(new Item("bolt", 3, Color.RED), 4)).isEqualTo(new Item("bolt", 7, Color.RED));
    }

    @Test
    void nestedGenericTypesKeepTheirElementTypes() {
        List<Item> items = List.of(new Item("bolt", 1, Color.RED), new Item("nut", 2, Color.GREEN),
                new Item("bolt", 3, Color.BLUE));
        List<Map<String, Item>> grouped = types.groupByColorThenName(items);
        assertThat(grouped).hasSize(3);
        assertThat(grouped.get(0)).containsExactly(Map.entry("bolt", new Item("bolt", 1, Color.RED)));
        assertThat(grouped.get(2).get("bolt")).isInstanceOf(Item.class).isEqualTo(new Item("bolt", 3, Color.BLUE));
    }

    @Test
    void optionalResultsArePresentOrEmpty() {
        assertThat(types.find("bolt")).contains(new Item("bolt", 1, Color.RED));
        assertThat(types.find("missing")).isEmpty();
    }

    @Test
    void optionalArgumentsArePresentOrEmpty() {
        assertThat(types.describe(Optional.of(new Item("nut", 2, Color.GREEN)))).isEqualTo("nut");
        assertThat(types.describe(Optional.empty())).isEqualTo("nothing");
    }

    @Test
    void enumsRoundTrip() {
        assertThat(types.complement(Color.RED)).isEqualTo(Color.GREEN);
        assertThat(types.countByColor(List.of(Color.RED, Color.BLUE, Color.RED)))
            .containsExactly(Map.entry(Color.RED, 2), Map.entry(Color.BLUE, 1));
    }

    @Test
    void javaTimeTypesRoundTripWithFullPrecision() {
        Instant instant = Instant.parse("2024-02-29T23:59:59.123456789Z");
        assertThat(types.later(instant, Duration.ofNanos(1)))
            .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456790Z"));
        assertThat(types.nextDay(LocalDate.of(2024, 2, 28))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(types.twice(Duration.ofMillis(1500).plusNanos(1))).isEqualTo(Duration.ofSeconds(3).plusNanos(2));
    }

    @Test
    void byteArraysKeepEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] reversed = types.reverse(all);
        for (int i = 0; i < all.length; i++) {
            assertThat(reversed[i]).isEqualTo(all[all.length - 1 - i]);
        }
        assertThat(types.reverse(new byte[0])).isEmpty();
    }

    @Test
    void arraysOfRecordsAndPrimitivesRoundTrip() {
        Item[] items = { new Item("a", 1, Color.RED), new Item("b", 2, Color.BLUE) };
        assertThat(types.reverse(items)).containsExactly(items[1], items[0]);
        assertThat(types.squares(new int[] { -3, 0, 46340 })).containsExactly(9, 0, 2147395600);
        assertThat(types.squares(new int[0])).isEmpty();
    }

    @Test
    void typeVariablesOfAGenericSuperInterfaceResolveToTheServiceInterfacesTypeArguments() {
        items.put(new Item("washer", 9, Color.BLUE));
        assertThat(pair.serverBean(ItemsImpl.class).stored.get()).isInstanceOf(Item.class);
        assertThat(items.get("washer")).isInstanceOf(Item.class).isEqualTo(new Item("washer", 9, Color.BLUE));
        assertThat(items.getAll(List.of("washer"))).first().isInstanceOf(Item.class);
        assertThat(items.getLater("washer")).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(Item.class);
    }

    public enum Color {

        RED, GREEN, BLUE

    }

    public record Item(String name, int quantity, Color color) {
    }

    public record Primitives(byte b, short s, int i, long l, float f, double d, boolean z, char c) {
    }

    @RpcClient(name = "types")
    public interface Types {

        Primitives primitives(byte b, short s, int i, long l, float f, double d, boolean z, char c);

        int length(String text);

        boolean isBlank(String text);

        double half(double value);

        char next(char c);

        long negate(long value);

        Integer incrementOrNull(Integer value);

        String echo(String text);

        void remember(String text);

        Item restock(Item item, int quantity);

        List<Map<String, Item>> groupByColorThenName(List<Item> items);

        Optional<Item> find(String name);

        String describe(Optional<Item> item);

        Color complement(Color color);

        Map<Color, Integer> countByColor(List<Color> colors);

        Instant later(Instant instant, Duration duration);

        LocalDate nextDay(LocalDate date);

        Duration twice(Duration duration);

        byte[] reverse(byte[] bytes);

        Item[] reverse(Item[] items);

        int[] squares(int[] values);

    }

    public interface Repository<T, K> {

        void put(T value);

        T get(K key);

        List<T> getAll(List<K> keys);

        CompletableFuture<T> getLater(K key);

    }

    @RpcClient(name = "types")
    public interface Items extends Repository<Item, String> {

    }

    @RpcService
    static class ItemsImpl implements Items {

        final AtomicReference<Object> stored = new AtomicReference<>();

        @Override
        public void put(Item value) {
            this.stored.set(value);
        }

        @Override
        public Item get(String key) {
            Item item = (Item) this.stored.get();
            return key.equals(item.name()) ? item : null;
        }

        @Override
        public List<Item> getAll(List<String> keys) {
            return keys.stream().map(this::get).toList();
        }

        @Override
        public CompletableFuture<Item> getLater(String key) {
            return CompletableFuture.completedFuture(get(key));
        }

    }

    @RpcService
    static class TypesImpl implements Types {

        final AtomicReference<Optional<String>> lastEchoed = new AtomicReference<>();

        final AtomicReference<String> remembered = new AtomicReference<>();

        @Override
        public Primitives primitives(byte b, short s, int i, long l, float f, double d, boolean z, char c) {
            return new Primitives(b, s, i, l, f, d, z, c);
        }

        @Override
        public int length(String text) {
            return text.length();
        }

        @Override
        public boolean isBlank(String text) {
            return text.isBlank();
        }

        @Override
        public double half(double value) {
            return value / 2;
        }

        @Override
        public char next(char c) {
            return (char) (c + 1);
        }

        @Override
        public long negate(long value) {
            return -value;
        }

        @Override
        public Integer incrementOrNull(Integer value) {
            return (value != null) ? value + 1 : null;
        }

        @Override
        public String echo(String text) {
            this.lastEchoed.set(Optional.ofNullable(text));
            return text;
        }

        @Override
        public void remember(String text) {
            this.remembered.set(text);
        }

        @Override
        public Item restock(Item item, int quantity) {
            return new Item(item.name(), item.quantity() + quantity, item.color());
        }

        @Override
        public List<Map<String, Item>> groupByColorThenName(List<Item> items) {
            Map<Color, Map<String, Item>> byColor = new LinkedHashMap<>();
            for (Item item : items) {
                byColor.computeIfAbsent(item.color(), (color) -> new LinkedHashMap<>()).put(item.name(), item);
            }
            return new ArrayList<>(byColor.values());
        }

        @Override
        public Optional<Item> find(String name) {
            return "bolt".equals(name) ? Optional.of(new Item("bolt", 1, Color.RED)) : Optional.empty();
        }

        @Override
        public String describe(Optional<Item> item) {
            return item.map(Item::name).orElse("nothing");
        }

        @Override
        public Color complement(Color color) {
            return Color.values()[(color.ordinal() + 1) % Color.values().length];
        }

        @Override
        public Map<Color, Integer> countByColor(List<Color> colors) {
            Map<Color, Integer> counts = new LinkedHashMap<>();
            colors.forEach((color) -> counts.merge(color, 1, Integer::sum));
            return counts;
        }

        @Override
        public Instant later(Instant instant, Duration duration) {
            return instant.plus(duration);
        }

        @Override
        public LocalDate nextDay(LocalDate date) {
            return date.plusDays(1);
        }

        @Override
        public Duration twice(Duration duration) {
            return duration.multipliedBy(2);
        }

        @Override
        public byte[] reverse(byte[] bytes) {
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return reversed;
        }

        @Override
        public Item[] reverse(Item[] items) {
            List<Item> list = new ArrayList<>(Arrays.asList(items));
            java.util.Collections.reverse(list);
            return list.toArray(new Item[0]);
        }

        @Override
        public int[] squares(int[] values) {
            return Arrays.stream(values).map((value) -> value * value).toArray();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        TypesImpl types() {
            return new TypesImpl();
        }

        @Bean
        ItemsImpl items() {
            return new ItemsImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Types.class, Items.class })
    static class ClientApp {

    }

}
