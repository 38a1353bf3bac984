package io.rpcboot.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service whose parameters and results take every JSON form the OpenAPI document
 * describes: records nested in records, enums, a generic record bound to different types,
 * {@code Optional}, {@code java.time} types, lists, sets, maps, byte arrays, primitives,
 * a recursive record, overloads and a declared exception.
 */
public interface Showcase {

    Product product(String sku);

    Page<Product> products(int number, int size);

    Page<String> names(int number);

    Optional<Product> find(String sku);

    Times times(Instant at);

    Containers containers(List<String> words, Set<Integer> numbers, Map<String, List<Long>> groups);

    byte[] bytes(byte[] data);

    Primitives primitives(int i, long l, double d, float f, boolean b, char c, short s, byte by);

    Node tree(int depth);

    Map<Color, Integer> counts(Set<Color> colors);

    String nothing(String text);

    void touch(Product product);

    CompletableFuture<Page<Money>> later(Optional<Money> seed);

    Product order(String sku, int quantity) throws SoldOutException;

    BigDecimal price(String sku);

    BigDecimal price(String sku, int quantity);

    @Deprecated
    String legacy();

    /**
     * An amount of money, its amount written as a string.
     *
     * @param amount the amount
     * @param currency the ISO code of its currency
     */
    record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
    }

    /**
     * A product.
     *
     * @param sku its stock keeping unit
     * @param name its name, renamed on the wire
     * @param price its price
     * @param color its color
     * @param note a note, maybe absent
     * @param tags its tags
     * @param secret never written
     */
    record Product(String sku, @JsonProperty("title") String name, Money price, Color color, Optional<String> note,
            List<String> tags, @JsonIgnore String secret) {
    }

    /**
     * A page of results of any type.
     *
     * @param <T> the type of the items
     * @param items the items
     * @param number the page's number
     * @param total how many items there are in all
     * @param first the first item, if any
     */
    record Page<T>(List<T> items, int number, long total, T first) {
    }

    /**
     * Values of the {@code java.time} types and a UUID.
     *
     * @param instant an instant
     * @param date a date
     * @param dateTime a local date and time
     * @param time a local time
     * @param offset a date and time with an offset
     * @param zoned a date and time in a zone
     * @param duration a duration
     * @param period a period
     * @param month a month of a year
     * @param zone a zone
     * @param id a UUID
     */
    record Times(Instant instant, LocalDate date, LocalDateTime dateTime, LocalTime time, OffsetDateTime offset,
            ZonedDateTime zoned, Duration duration, Period period, YearMonth month, ZoneId zone, UUID id) {
    }

    /**
     * Collections of several kinds.
     *
     * @param words a list
     * @param numbers a set
     * @param groups a map of lists
     * @param byId a map with integer keys
     * @param words2 an array of strings
     * @param ints an array of primitives
     * @param data bytes
     * @param count a boxed integer
     * @param optionalCount an {@code OptionalInt}
     */
    record Containers(List<String> words, Set<Integer> numbers, Map<String, List<Long>> groups,
            Map<Integer, String> byId, String[] words2, int[] ints, byte[] data, Integer count,
            OptionalInt optionalCount) {
    }

    /**
     * One of each primitive type.
     *
     * @param i an int
     * @param l a long
     * @param d a double
     * @param f a float
     * @param b a boolean
     * @param c a char
     * @param s a short
     * @param by a byte
     */
    record Primitives(int i, long l, double d, float f, boolean b, char c, short s, byte by) {
    }

    /**
     * A tree.
     *
     * @param name its name
     * @param children its subtrees
     * @param firstChild its first subtree, or {@code null}
     */
    record Node(String name, List<Node> children, Node firstChild) {
    }

    /** Colors. */
    enum Color {

        RED, GREEN

    }

    /** Thrown when nothing is left. */
    class SoldOutException extends Exception {

        private static final long serialVersionUID = 1L;

        public SoldOutException(String message) {
            super(message);
        }

    }

}
