package io.rpcboot.demo.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.rpcboot.demo.api.Reservation;
import io.rpcboot.demo.api.StockLevel;
import io.rpcboot.demo.api.UnknownSkuException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock levels as watchers see them, with a ledger that reports to them and levels
 * delivered on the thread that changed the stock, so that each step is deterministic.
 */
class StockLevelsTests {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final StockLevels levels = new StockLevels(Map.of("MUG", 20), Clock.fixed(NOW, ZoneOffset.UTC),
            Schedulers.immediate());

    private final StockLedger ledger = new StockLedger(Map.of("MUG", 20), this.levels::changed);

    @Test
    void watcherGetsTheCurrentLevelThenEveryChangeInOrder() throws Exception {
        Reservation first = this.ledger.reserve("MUG", 2);
        StepVerifier.create(this.levels.watch("MUG"))
            .expectNext(new StockLevel("MUG", 18, NOW))
            .then(() -> this.ledger.reserve("MUG", 3))
            .expectNext(new StockLevel("MUG", 15, NOW))
            .then(() -> this.ledger.release(first.id()))
            .expectNext(new StockLevel("MUG", 17, NOW))
            .thenCancel()
            .verify();
        assertNoWatchers();
    }

    @Test
    void everyWatcherGetsTheSameLevels() throws Exception {
        StepVerifier second = StepVerifier.create(this.levels.watch("MUG"))
            .expectNext(new StockLevel("MUG", 20, NOW))
            .expectNext(new StockLevel("MUG", 19, NOW))
            .thenCancel()
            .verifyLater();
        StepVerifier.create(this.levels.watch("MUG"))
            .expectNext(new StockLevel("MUG", 20, NOW))
            .then(() -> this.ledger.reserve("MUG", 1))
            .expectNext(new StockLevel("MUG", 19, NOW))
            .thenCancel()
            .verify();
        second.verify();
        assertNoWatchers();
    }

    @Test
    void slowWatcherSkipsLevelsAndHoldsNoChangeUp() throws Exception {
        StepVerifier.create(this.levels.watch("MUG"), 1).expectNext(new StockLevel("MUG", 20, NOW)).then(() -> {
            // The watcher asks for nothing: the reservations are made all the same.
            for (int i = 0; i < 10; i++) {
                this.ledger.reserve("MUG", 1);
            }
        })
            .expectNoEvent(Duration.ZERO)
            // The one level already handed over for delivery, then the latest: the eight
            // in between are skipped, not buffered.
            .thenRequest(Long.MAX_VALUE)
            .expectNext(new StockLevel("MUG", 19, NOW), new StockLevel("MUG", 10, NOW))
            .thenCancel()
            .verify();
        assertThat(this.ledger.available("MUG")).isEqualTo(10);
    }

    @Test
    void unknownSkuFailsWithUnknownSku() {
        StepVerifier.create(this.levels.watch("TEAPOT"))
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(UnknownSkuException.class)
                .hasMessage("The inventory holds no product with SKU 'TEAPOT'"))
            .verify();
    }

    private void assertNoWatchers() {
        assertThat(this.levels.watchers("MUG")).isZero();
    }

}
