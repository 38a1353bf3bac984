package io.rpcboot.demo.order;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.rpcboot.RpcException;
import io.rpcboot.demo.api.CatalogService;
import io.rpcboot.demo.api.InventoryService;
import io.rpcboot.demo.api.Money;
import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Product;
import io.rpcboot.demo.api.ProductNotFoundException;
import io.rpcboot.demo.api.Reservation;

/**
 * Places orders: looks the product up in the catalog, reserves stock in the inventory
 * while the catalog prices the order, and keeps the orders it placed (in memory).
 * <p>
 * {@link CatalogService} and {@link InventoryService} are rpcboot client proxies: plain
 * interfaces whose calls go over the network. Business failures arrive as the exceptions
 * the interfaces declare; a service that cannot be reached, or does not answer in time,
 * as {@link RpcException}, which this class reports as a {@link RemoteServiceException}
 * naming the service.
 */
@Service
public class Checkout {

    private static final Logger logger = LoggerFactory.getLogger(Checkout.class);

    private final CatalogService catalog;

    private final InventoryService inventory;

    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    /**
     * Creates the checkout.
     * @param catalog the catalog service
     * @param inventory the inventory service
     */
    public Checkout(CatalogService catalog, InventoryService inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /**
     * Places an order.
     * @param request what to order
     * @return the order
     * @throws ProductNotFoundException when the catalog has no such product
     * @throws OutOfStockException when the inventory has not enough stock
     * @throws RemoteServiceException when the catalog or the inventory failed
     */
    public Order place(OrderRequest request) throws ProductNotFoundException, OutOfStockException {
        String sku = request.sku();
        int quantity = request.quantity();
        Product product;
        try {
            product = this.catalog.product(sku);
        }
        catch (RpcException ex) {
            throw failed("catalog", ex);
        }
        // Asynchronous: the proxy returns at once and the inventory reserves while the
        // catalog prices.
        CompletableFuture<Reservation> reservation = this.inventory.reserve(sku, quantity);
        Money total;
        try {
            total = this.catalog.price(sku, quantity);
        }
        catch (RpcException ex) {
            releaseWhenReserved(reservation);
            throw failed("catalog", ex);
        }
        catch (ProductNotFoundException | RuntimeException ex) {
            releaseWhenReserved(reservation);
            throw ex;
        }
        Reservation reserved = await(reservation);
        Order order = new Order(UUID.randomUUID().toString(), sku, product.name(), quantity, product.unitPrice(), total,
                reserved.id(), Instant.now());
        this.orders.put(order.id(), order);
        logger.info("Placed order {}: {} x {} for {}", order.id(), quantity, sku, total);
        return order;
    }

    /**
     * Returns an order placed earlier.
     * @param id the order's id
     * @return the order, or empty when there is none with that id
     */
    public Optional<Order> find(String id) {
        return Optional.ofNullable(this.orders.get(id));
    }

    private Reservation await(CompletableFuture<Reservation> reservation) throws OutOfStockException {
        try {
            return reservation.join();
        }
        catch (CompletionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof OutOfStockException outOfStock) {
                throw outOfStock;
            }
            if (cause instanceof RpcException rpcException) {
                throw failed("inventory", rpcException);
            }
            throw ex;
        }
    }

    // thenAccept as a listener: the callback handles a failed release itself
    @SuppressWarnings("FutureReturnValueIgnored")
    private void releaseWhenReserved(CompletableFuture<Reservation> reservation) {
        reservation.thenAccept((reserved) -> {
            try {
                this.inventory.release(reserved.id());
            }
            catch (RpcException ex) {
                logger.warn("Could not release reservation {}: {}", reserved.id(), ex.getMessage());
            }
        });
    }

    private static RemoteServiceException failed(String service, RpcException failure) {
        return RemoteServiceException.of(service, failure);
    }

}
