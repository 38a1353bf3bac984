package io.rpcboot.demo.inventory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Reservation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory with an executor that runs its tasks only when the test says so, which
 * shows that reservations are made off the caller's thread.
 */
class InMemoryInventoryTests {

    private final QueuedExecutor executor = new QueuedExecutor();

    private final InMemoryInventory inventory = new InMemoryInventory(this.executor, Duration.ZERO);

    @Test
    void reserveReturnsBeforeTheReservationIsMade() {
        CompletableFuture<Reservation> reservation = this.inventory.reserve("MUG", 2);
        assertThat(reservation).isNotDone();
        assertThat(this.inventory.stock("MUG")).isEqualTo(20);
        this.executor.runAll();
        assertThat(reservation).isCompletedWithValueMatching((reserved) -> reserved.quantity() == 2);
        assertThat(this.inventory.stock("MUG")).isEqualTo(18);
    }

    @Test
    void initialStockIsConfigurableBySku() {
        MockEnvironment environment = new MockEnvironment().withProperty("inventory.initial-stock.COFFEE-1KG",
                "100000");
        InMemoryInventory stocked = new InMemoryInventory(this.executor, Duration.ZERO, environment);
        assertThat(stocked.stock("COFFEE-1KG")).isEqualTo(100000);
        assertThat(stocked.stock("MUG")).isZero();
        assertThat(this.inventory.stock("COFFEE-1KG")).isEqualTo(100);
    }

    @Test
    void shortStockCompletesTheFutureWithOutOfStock() {
        CompletableFuture<Reservation> reservation = this.inventory.reserve("GRINDER", 6);
        this.executor.runAll();
        assertThat(reservation).failsWithin(Duration.ZERO)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .havingCause()
            .isInstanceOf(OutOfStockException.class)
            .withMessage("Not enough stock of 'GRINDER': 6 requested, 5 available");
    }

    @Test
    void cancelledReservationTakesNoStock() {
        CompletableFuture<Reservation> reservation = this.inventory.reserve("MUG", 2);
        reservation.cancel(true);
        this.executor.runAll();
        assertThat(this.inventory.stock("MUG")).isEqualTo(20);
    }

    @Test
    void releaseReturnsTheStock() {
        CompletableFuture<Reservation> reservation = this.inventory.reserve("COFFEE-1KG", 10);
        this.executor.runAll();
        this.inventory.release(reservation.join().id());
        assertThat(this.inventory.stock("COFFEE-1KG")).isEqualTo(100);
    }

    static final class QueuedExecutor implements Executor {

        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            this.tasks.add(task);
        }

        void runAll() {
            while (!this.tasks.isEmpty()) {
                this.tasks.remove().run();
            }
        }

    }

}
