package io.rpcboot.demo.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.ObjIntConsumer;

import org.jspecify.annotations.Nullable;

import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Reservation;

/**
 * Stock levels and open reservations, held in memory. Thread-safe: every operation holds
 * the ledger's lock, so a reservation never takes stock that another one took, and
 * changes are reported one at a time, in the order they are made.
 */
final class StockLedger {

    private final Map<String, Integer> available;

    private final Map<String, Reservation> reservations = new HashMap<>();

    private final ObjIntConsumer<String> changes;

    StockLedger(Map<String, Integer> initialStock) {
        this(initialStock, (sku, available) -> {
        });
    }

    /**
     * Creates a ledger that reports every change of a level.
     * @param initialStock the SKUs and their levels to start with
     * @param changes told the SKU and its new level after each change, holding the lock
     */
    StockLedger(Map<String, Integer> initialStock, ObjIntConsumer<String> changes) {
        this.available = new HashMap<>(initialStock);
        this.changes = changes;
    }

    synchronized int available(String sku) {
        return this.available.getOrDefault(sku, 0);
    }

    synchronized Reservation reserve(String sku, int quantity) throws OutOfStockException {
        if (quantity < 1) {
            throw new IllegalArgumentException("The quantity must be at least 1, not " + quantity);
        }
        int inStock = available(sku);
        if (inStock < quantity) {
            throw OutOfStockException.forSku(sku, quantity, inStock);
        }
        this.available.put(sku, inStock - quantity);
        this.changes.accept(sku, inStock - quantity);
        Reservation reservation = new Reservation(UUID.randomUUID().toString(), sku, quantity);
        this.reservations.put(reservation.id(), reservation);
        return reservation;
    }

    synchronized @Nullable Reservation release(String reservationId) {
        Reservation reservation = this.reservations.remove(reservationId);
        if (reservation != null) {
            int available = this.available.merge(reservation.sku(), reservation.quantity(), Integer::sum);
            this.changes.accept(reservation.sku(), available);
        }
        return reservation;
    }

}
