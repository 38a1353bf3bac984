package io.rpcboot.demo.api;

/**
 * Stock set aside for an order.
 *
 * @param id the reservation's id, used to release it
 * @param sku the stock keeping unit
 * @param quantity how many items are reserved
 */
public record Reservation(String id, String sku, int quantity) {

}
