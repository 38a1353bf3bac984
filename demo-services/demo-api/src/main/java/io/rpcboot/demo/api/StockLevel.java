package io.rpcboot.demo.api;

import java.time.Instant;

/**
 * How many items of a product are in stock and not reserved, at a moment.
 *
 * @param sku the stock keeping unit
 * @param available the quantity in stock and not reserved
 * @param at when the stock reached this level
 */
public record StockLevel(String sku, int available, Instant at) {

}
