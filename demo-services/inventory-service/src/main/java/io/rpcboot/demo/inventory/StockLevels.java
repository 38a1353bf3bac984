package io.rpcboot.demo.inventory;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import io.rpcboot.demo.api.StockLevel;
import io.rpcboot.demo.api.UnknownSkuException;

/**
 * The stock level of each SKU as a stream that any number of watchers subscribe to: each
 * gets the current level at once, then every change. A watcher that reads slowly skips
 * levels and gets the latest one when it asks for more, so it never holds up the stock's
 * changes (or the orders that make them) and never makes the service buffer for it.
 */
final class StockLevels {

    private final Map<String, Sinks.Many<StockLevel>> levels;

    private final Clock clock;

    private final Scheduler delivery;

    /**
     * Creates the streams of a fixed set of SKUs.
     * @param initialStock the SKUs and their levels to start with
     * @param clock the clock that stamps each level
     * @param delivery where levels are handed to watchers, off the thread that changed
     * the stock
     */
    StockLevels(Map<String, Integer> initialStock, Clock clock, Scheduler delivery) {
        this.clock = clock;
        this.delivery = delivery;
        this.levels = initialStock.keySet()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), (sku) -> Sinks.many().replay().latest()));
        initialStock.forEach(this::changed);
    }

    /**
     * Publishes a new level. Callers make their changes one at a time (the ledger calls
     * this holding its lock), so the levels reach watchers in the order they were
     * reached.
     * @param sku the SKU
     * @param available its new level
     */
    void changed(String sku, int available) {
        Sinks.Many<StockLevel> sink = this.levels.get(sku);
        if (sink != null) {
            sink.emitNext(new StockLevel(sku, available, this.clock.instant()), Sinks.EmitFailureHandler.FAIL_FAST);
        }
    }

    /**
     * Returns the levels of a SKU: the current one first, then every change.
     * @param sku the SKU
     * @return the levels, or a stream that fails with {@link UnknownSkuException} for a
     * SKU the inventory does not hold
     */
    Flux<StockLevel> watch(String sku) {
        Sinks.Many<StockLevel> sink = this.levels.get(sku);
        if (sink == null) {
            return Flux.error(UnknownSkuException.forSku(sku));
        }
        // replay().latest() hands a new watcher the current level with no gap before the
        // next change. onBackpressureLatest asks the sink for everything and keeps only
        // the
        // newest level that the watcher has not asked for yet: a slow watcher skips
        // levels
        // (only the latest matters to it) instead of making the sink hold every level
        // since
        // it fell behind. publishOn (one level in flight) delivers on a scheduler's
        // thread,
        // so the ledger, which publishes under its lock, never waits while a level is
        // serialized and written to a watcher.
        return sink.asFlux().onBackpressureLatest().publishOn(this.delivery, 1);
    }

    /**
     * Returns how many watchers a SKU has.
     * @param sku the SKU
     * @return the number of subscribers to its levels, 0 for an unknown SKU
     */
    int watchers(String sku) {
        Sinks.Many<StockLevel> sink = this.levels.get(sku);
        return (sink != null) ? sink.currentSubscriberCount() : 0;
    }

}
