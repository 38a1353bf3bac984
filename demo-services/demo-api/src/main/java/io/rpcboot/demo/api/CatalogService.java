package io.rpcboot.demo.api;

import java.util.List;

import io.rpcboot.annotation.RpcClient;

/**
 * The product catalogue: what can be ordered and at what price. Served by
 * catalog-service.
 */
@RpcClient(name = "catalog")
public interface CatalogService {

    /**
     * Returns the product with the given SKU.
     * @param sku the stock keeping unit
     * @return the product
     * @throws ProductNotFoundException when the catalogue has no such product
     */
    Product product(String sku) throws ProductNotFoundException;

    /**
     * Returns every product of the catalogue, ordered by SKU.
     * @return the products
     */
    List<Product> products();

    /**
     * Returns the price of the given quantity of a product.
     * @param sku the stock keeping unit
     * @param quantity how many items, at least 1
     * @return the total price
     * @throws ProductNotFoundException when the catalogue has no such product
     */
    Money price(String sku, int quantity) throws ProductNotFoundException;

}
