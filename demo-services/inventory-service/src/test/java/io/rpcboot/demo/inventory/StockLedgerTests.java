package io.rpcboot.demo.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StockLedgerTests {

    private final StockLedger ledger = new StockLedger(Map.of("MUG", 5));

    @Test
    void reservationTakesStock() throws Exception {
        Reservation reservation = this.ledger.reserve("MUG", 2);
        assertThat(reservation.sku()).isEqualTo("MUG");
        assertThat(reservation.quantity()).isEqualTo(2);
        assertThat(this.ledger.available("MUG")).isEqualTo(3);
    }

    @Test
    void shortStockIsOutOfStockAndTakesNothing() {
        assertThatExceptionOfType(OutOfStockException.class).isThrownBy(() -> this.ledger.reserve("MUG", 6))
            .withMessage("Not enough stock of 'MUG': 6 requested, 5 available");
        assertThat(this.ledger.available("MUG")).isEqualTo(5);
    }

    @Test
    void unknownSkuHasNoStock() {
        assertThat(this.ledger.available("TEAPOT")).isZero();
        assertThatExceptionOfType(OutOfStockException.class).isThrownBy(() -> this.ledger.reserve("TEAPOT", 1));
    }

    @Test
    void releaseReturnsStockOnce() throws Exception {
        Reservation reservation = this.ledger.reserve("MUG", 4);
        assertThat(this.ledger.release(reservation.id())).isEqualTo(reservation);
        assertThat(this.ledger.release(reservation.id())).isNull();
        assertThat(this.ledger.available("MUG")).isEqualTo(5);
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        StockLedger ledger = new StockLedger(Map.of("MUG", 50));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            attempts.add(() -> {
                go.await();
                try {
                    ledger.reserve("MUG", 1);
                    return true;
                }
                catch (OutOfStockException ex) {
                    return false;
                }
            });
        }
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            attempts.forEach((attempt) -> results.add(threads.submit(attempt)));
            go.countDown();
            int reserved = 0;
            for (Future<Boolean> result : results) {
                reserved += result.get() ? 1 : 0;
            }
            assertThat(reserved).isEqualTo(50);
            assertThat(ledger.available("MUG")).isZero();
        }
        finally {
            threads.shutdownNow();
        }
    }

}
