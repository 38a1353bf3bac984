package io.rpcboot.demo.api;

/**
 * A product of the catalogue.
 *
 * @param sku the stock keeping unit that identifies the product
 * @param name the product's name
 * @param unitPrice the price of one item
 */
public record Product(String sku, String name, Money unitPrice) {

}
