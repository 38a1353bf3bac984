package io.rpcboot.inprocess.recipe;

import java.util.Map;

import io.rpcboot.annotation.RpcService;

/**
 * The catalog application's implementation of its service.
 */
@RpcService
class InMemoryCatalog implements CatalogService {

    private final Map<String, Product> products = Map.of("sku-1", new Product("sku-1", "Teapot", 2500));

    @Override
    public Product find(String sku) throws ProductNotFoundException {
        Product product = this.products.get(sku);
        if (product == null) {
            throw new ProductNotFoundException("No product " + sku);
        }
        return product;
    }

}
