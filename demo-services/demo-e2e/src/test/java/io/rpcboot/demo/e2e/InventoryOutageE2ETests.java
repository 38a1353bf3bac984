package io.rpcboot.demo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service while inventory-service is down: it answers at once, stays healthy, and
 * takes orders again by itself once inventory-service is back.
 */
class InventoryOutageE2ETests {

    /** {@code InventoryService.reserve} has {@code @RpcMethod(timeout = "2s")}. */
    private static final Duration RESERVE_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final DemoSystem demo = new DemoSystem();

    private final OrderApi api = demo.orderApi();

    @Test
    void inventoryDownIsServiceUnavailableAtOnceAndOrdersResumeByThemselvesWhenItIsBack() {
        OrderApi.Response before = this.api.placeOrder("MUG", 1);
        assertThat(before.status()).as(before.toString()).isEqualTo(201);

        demo.killInventory();
        List<Duration> answerTimes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderApi.Response response = this.api.placeOrder("MUG", 1);
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.field("service")).isEqualTo("inventory");
            assertThat(response.field("rpcStatus")).isEqualTo("UNAVAILABLE");
            assertThat(response.field("detail")).isEqualTo("inventory-service is unavailable; try again later");
            // Nothing answers for inventory: the call fails at once, not at its deadline.
            assertThat(response.elapsed()).as(response.toString()).isLessThan(RESERVE_TIMEOUT.dividedBy(2));
            answerTimes.add(response.elapsed());
        }
        // order-service itself is fine: its own health, and what Docker's health check
        // makes of it
        OrderApi.Response health = this.api.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.field("status")).isEqualTo("UP");
        assertThat(demo.order().isHealthy()).as("order-service's container healthy").isTrue();
        assertThat(this.api.get("/products").status()).as("the catalog is still served").isEqualTo(200);

        long restart = System.nanoTime();
        demo.startInventory();
        Duration back = Duration.ofNanos(System.nanoTime() - restart);
        // Nothing is done to order-service: its client reconnects when it is called.
        List<OrderApi.Response> attempts = new ArrayList<>();
        Awaitility.await("an order placed again")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> attempts.add(this.api.placeOrder("MUG", 1))
                    && attempts.get(attempts.size() - 1).status() == 201);
        Duration recovery = Duration.ofNanos(System.nanoTime() - restart).minus(back);
        System.out.printf(
                "[e2e] inventory down: order-service answered 503 in %s ms; inventory back (healthy) "
                        + "after %.1f s; an order succeeded %d ms later, at attempt %d%s%n",
                answerTimes.stream().map(Duration::toMillis).toList(), back.toMillis() / 1000.0, recovery.toMillis(),
                attempts.size(),
                (attempts.size() > 1) ? " (before: " + attempts.subList(0, attempts.size() - 1) + ")" : "");
        assertThat(attempts.get(attempts.size() - 1).field("reservationId")).isNotBlank();
    }

}
