package io.rpcboot.inprocess.recipe;

/**
 * A product of the catalog.
 *
 * @param sku its stock-keeping unit
 * @param name its name
 * @param priceCents its price in cents
 */
public record Product(String sku, String name, long priceCents) {

}
