package io.rpcboot.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import io.rpcboot.http.Showcase.Color;
import io.rpcboot.http.Showcase.Money;
import io.rpcboot.http.Showcase.Page;
import io.rpcboot.http.Showcase.Product;

/**
 * The shapes of types that {@link Showcase}, {@link Shop} and {@link Feed} leave out:
 * every boxed primitive, {@code BigInteger}, a {@code @Nullable} component, optionals of
 * records, enums and primitives, arrays and maps of records, a generic record nested in
 * itself, and streams of records both ways.
 */
public interface SchemaShapes {

    Boxes boxes(Boxes boxes);

    Page<Page<Product>> pages(Optional<Color> color);

    Map<String, Product[]> catalog(Map<String, Integer> levels, List<Optional<Long>> amounts);

    CompletableFuture<Optional<Boxes>> later(Long[] ids);

    Flux<Product> reprice(String currency, Flux<Money> prices);

    /**
     * Boxed and optional values.
     *
     * @param count a boxed long
     * @param ratio a boxed double
     * @param share a boxed float
     * @param active a boxed boolean
     * @param rank a boxed short
     * @param level a boxed byte
     * @param initial a boxed char
     * @param big a big integer
     * @param amount a big decimal
     * @param note a string that may be {@code null}
     * @param product an optional record
     * @param total an {@code OptionalLong}
     * @param mean an {@code OptionalDouble}
     * @param times an array of instants
     * @param prices a list of records
     * @param byCurrency a map of records
     */
    record Boxes(Long count, Double ratio, Float share, Boolean active, Short rank, Byte level, Character initial,
            BigInteger big, BigDecimal amount, @Nullable String note, Optional<Product> product, OptionalLong total,
            OptionalDouble mean, Instant[] times, List<Money> prices, Map<String, Money> byCurrency) {
    }

}
