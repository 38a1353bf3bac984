package io.rpcboot.demo.inventory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.demo.api.InventoryService;
import io.rpcboot.demo.api.Reservation;
import io.rpcboot.demo.api.StockLevel;

/**
 * Stock held in memory, exported as {@link InventoryService}. Reservations are made on an
 * executor, so {@link #reserve(String, int)} returns at once and the rpcboot server
 * answers when the future completes. {@link #watch(String)} streams a SKU's level as
 * reservations and releases change it.
 */
@RpcService
public class InMemoryInventory implements InventoryService {

    // The stock the service starts with, unless inventory.initial-stock says otherwise.
    private static final Map<String, Integer> INITIAL_STOCK = Map.of("COFFEE-1KG", 100, "GRINDER", 5, "MUG", 20);

    private static final Logger logger = LoggerFactory.getLogger(InMemoryInventory.class);

    private final StockLevels levels;

    private final StockLedger ledger;

    private final Executor reservations;

    /**
     * Creates the inventory.
     * @param executor the executor that makes reservations
     * @param latency how long each reservation waits before it is made: a simulated slow
     * back end, to see deadlines at work ({@code inventory.reserve-latency}, 0 by
     * default)
     * @param environment where {@code inventory.initial-stock} is read: the stock to
     * start with, by SKU, instead of the built-in one (for a long run of orders, such as
     * {@code SPRING_APPLICATION_JSON='{"inventory":{"initial-stock":{"COFFEE-1KG":100000}}}'})
     */
    @Autowired
    public InMemoryInventory(@Qualifier("reservationExecutor") Executor executor,
            @Value("${inventory.reserve-latency:0ms}") Duration latency, Environment environment) {
        this(executor, latency,
                Binder.get(environment)
                    .bind("inventory.initial-stock", Bindable.mapOf(String.class, Integer.class))
                    .orElse(INITIAL_STOCK));
    }

    InMemoryInventory(Executor executor, Duration latency) {
        this(executor, latency, INITIAL_STOCK);
    }

    private InMemoryInventory(Executor executor, Duration latency, Map<String, Integer> initialStock) {
        this.levels = new StockLevels(initialStock, Clock.systemUTC(), Schedulers.parallel());
        this.ledger = new StockLedger(initialStock, this.levels::changed);
        this.reservations = latency.isZero() ? executor
                : CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS, executor);
    }

    @Override
    public int stock(String sku) {
        return this.ledger.available(sku);
    }

    @Override
    public CompletableFuture<Reservation> reserve(String sku, int quantity) {
        CompletableFuture<Reservation> result = new CompletableFuture<>();
        this.reservations.execute(() -> complete(result, sku, quantity));
        return result;
    }

    private void complete(CompletableFuture<Reservation> result, String sku, int quantity) {
        if (result.isDone()) {
            return; // cancelled: the caller gave up before the reservation was made
        }
        try {
            Reservation reservation = this.ledger.reserve(sku, quantity);
            if (!result.complete(reservation)) {
                this.ledger.release(reservation.id()); // cancelled meanwhile: nobody will
                                                       // use it
            }
            else {
                logger.info("Reserved {} x {} ({})", quantity, sku, reservation.id());
            }
        }
        catch (RuntimeException ex) { // OutOfStockException among others
            result.completeExceptionally(ex);
        }
    }

    @Override
    public Flux<StockLevel> watch(String sku) {
        return this.levels.watch(sku)
            .doOnSubscribe((subscription) -> logger.info("Watching {}", sku))
            .doOnCancel(() -> logger.info("Stopped watching {}", sku));
    }

    /**
     * Returns how many subscribers watch a SKU's level.
     * @param sku the stock keeping unit
     * @return the number of open {@link #watch(String)} streams of that SKU
     */
    public int watchers(String sku) {
        return this.levels.watchers(sku);
    }

    @Override
    public void release(String reservationId) {
        Reservation released = this.ledger.release(reservationId);
        if (released != null) {
            logger.info("Released {} x {} ({})", released.quantity(), released.sku(), reservationId);
        }
    }

}
