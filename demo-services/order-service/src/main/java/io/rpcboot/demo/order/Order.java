package io.rpcboot.demo.order;

import java.time.Instant;

import io.rpcboot.demo.api.Money;

/**
 * A placed order, as the REST API returns it.
 *
 * @param id the order's id
 * @param sku the product ordered
 * @param product the product's name
 * @param quantity how many items
 * @param unitPrice the price of one item
 * @param total the price of the order
 * @param reservationId the inventory's reservation for the order
 * @param placedAt when the order was placed
 */
public record Order(String id, String sku, String product, int quantity, Money unitPrice, Money total,
        String reservationId, Instant placedAt) {

}
