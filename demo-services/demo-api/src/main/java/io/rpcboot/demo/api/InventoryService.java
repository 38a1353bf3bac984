package io.rpcboot.demo.api;

import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import reactor.core.publisher.Flux;

/**
 * Stock levels and reservations of stock for orders. Served by inventory-service.
 */
@RpcClient(name = "inventory")
public interface InventoryService {

    /**
     * Returns how many items of a product are in stock and not reserved.
     * @param sku the stock keeping unit
     * @return the available quantity, 0 for an unknown SKU
     */
    int stock(String sku);

    /**
     * Reserves stock for an order. The call is asynchronous on both sides: the caller
     * gets the future at once, and the service completes it when the reservation is made.
     * @param sku the stock keeping unit
     * @param quantity how many items, at least 1
     * @return the reservation, or a future completed with {@link OutOfStockException}
     * when there is not enough stock
     * @throws OutOfStockException through the future, when there is not enough stock
     * (declared so that it reaches callers as itself)
     */
    @RpcMethod(timeout = "2s")
    CompletableFuture<Reservation> reserve(String sku, int quantity) throws OutOfStockException;

    /**
     * Cancels a reservation and returns its items to the stock. Releasing a reservation
     * that does not exist (any more) does nothing, so the call can safely be repeated.
     * @param reservationId the reservation's id
     */
    @RpcMethod(idempotent = true)
    void release(String reservationId);

    /**
     * Streams the stock level of a product: the current level first, then the new level
     * after every change (a reservation, a release). The stream does not end by itself:
     * cancel the subscription to stop watching. A subscriber that reads slowly skips
     * levels and gets the latest one when it asks for more.
     * @param sku the stock keeping unit
     * @return the stock levels, or a stream that fails with {@link UnknownSkuException}
     * when the inventory holds no such product
     * @throws UnknownSkuException through the stream, when the inventory holds no such
     * product (declared so that it reaches callers as itself)
     */
    Flux<StockLevel> watch(String sku) throws UnknownSkuException;

}
