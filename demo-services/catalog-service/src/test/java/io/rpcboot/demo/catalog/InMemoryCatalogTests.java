package io.rpcboot.demo.catalog;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.rpcboot.demo.api.Money;
import io.rpcboot.demo.api.Product;
import io.rpcboot.demo.api.ProductNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryCatalogTests {

    private final InMemoryCatalog catalog = new InMemoryCatalog(Duration.ZERO);

    @Test
    void findsProductBySku() throws Exception {
        assertThat(this.catalog.product("MUG")).isEqualTo(new Product("MUG", "Stoneware mug", Money.euros("9.90")));
    }

    @Test
    void unknownSkuIsProductNotFoundNamingTheSku() {
        assertThatExceptionOfType(ProductNotFoundException.class).isThrownBy(() -> this.catalog.product("TEAPOT"))
            .withMessage("No product with SKU 'TEAPOT'");
    }

    @Test
    void listsProductsBySku() {
        assertThat(this.catalog.products()).extracting(Product::sku).containsExactly("COFFEE-1KG", "GRINDER", "MUG");
    }

    @Test
    void pricesAQuantity() throws Exception {
        assertThat(this.catalog.price("COFFEE-1KG", 3)).isEqualTo(Money.euros("55.50"));
    }

    @Test
    void refusesToPriceLessThanOneItem() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.catalog.price("MUG", 0))
            .withMessage("The quantity must be at least 1, not 0");
    }

    @Test
    void answersAfterTheConfiguredLatency() throws Exception {
        InMemoryCatalog slow = new InMemoryCatalog(Duration.ofMillis(50));
        long start = System.nanoTime();
        assertThat(slow.price("MUG", 2)).isEqualTo(Money.euros("19.80"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

}
