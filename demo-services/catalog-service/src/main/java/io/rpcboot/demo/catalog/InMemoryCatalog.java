package io.rpcboot.demo.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.demo.api.CatalogService;
import io.rpcboot.demo.api.Money;
import io.rpcboot.demo.api.Product;
import io.rpcboot.demo.api.ProductNotFoundException;

/**
 * A fixed catalogue held in memory, exported as {@link CatalogService}.
 */
@RpcService
public class InMemoryCatalog implements CatalogService {

    private static final List<Product> PRODUCTS = List.of( // ordered by SKU
            new Product("COFFEE-1KG", "Espresso beans, 1 kg", Money.euros("18.50")),
            new Product("GRINDER", "Hand grinder", Money.euros("64.00")),
            new Product("MUG", "Stoneware mug", Money.euros("9.90")));

    private final Map<String, Product> products = PRODUCTS.stream()
        .collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity()));

    private final Duration latency;

    /**
     * Creates the catalog.
     * @param latency how long each call waits before it answers: a simulated slow back
     * end, to have calls in flight while the service shuts down ({@code catalog.latency},
     * 0 by default)
     */
    public InMemoryCatalog(@Value("${catalog.latency:0ms}") Duration latency) {
        this.latency = latency;
    }

    @Override
    public Product product(String sku) throws ProductNotFoundException {
        simulateLatency();
        return find(sku);
    }

    @Override
    public List<Product> products() {
        simulateLatency();
        return PRODUCTS;
    }

    @Override
    public Money price(String sku, int quantity) throws ProductNotFoundException {
        simulateLatency();
        if (quantity < 1) {
            throw new IllegalArgumentException("The quantity must be at least 1, not " + quantity);
        }
        return find(sku).unitPrice().times(quantity);
    }

    private Product find(String sku) throws ProductNotFoundException {
        Product product = this.products.get(sku);
        if (product == null) {
            throw ProductNotFoundException.forSku(sku);
        }
        return product;
    }

    private void simulateLatency() {
        if (this.latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(this.latency.toMillis());
        }
        catch (InterruptedException ex) { // the caller cancelled the call
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while simulating latency", ex);
        }
    }

}
