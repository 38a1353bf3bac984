package io.rpcboot.demo.order;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What order-service answers when the inventory is down or too slow, and that it recovers
 * by itself when the inventory is back.
 */
@ExtendWith(OutputCaptureExtension.class)
class RemoteFailureIntegrationTests {

    static DemoServices services;

    static OrderApi api;

    @BeforeAll
    static void start() {
        services = DemoServices.start();
        api = new OrderApi(services);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @AfterEach
    void healthyServices() {
        services.catalogService().restart();
        services.inventoryService().restart();
        // an endpoint that refused connections is left alone for its backoff before it is
        // tried again: the next test starts once order-service may call both services
        Awaitility.await()
            .atMost(Duration.ofSeconds(40))
            .until(() -> !api.get("/actuator/rpc").body().contains("\"available\":false"));
    }

    @Test
    void inventoryDownIsServiceUnavailableAtOnceAndOrdersResumeWhenItIsBack() {
        assertThat(api.placeOrder("MUG", 1).status()).isEqualTo(201);
        services.inventoryService().stop();
        OrderApi.Response response = api.placeOrder("MUG", 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        // Refused connections fail the call at once, not at its deadline (2s for
        // reserve).
        assertThat(response.elapsed()).isLessThan(Duration.ofSeconds(1));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode problem = response.json();
        assertThat(problem.get("service").asString()).isEqualTo("inventory");
        assertThat(problem.get("rpcStatus").asString()).isEqualTo("UNAVAILABLE");
        assertThat(problem.get("detail").asString()).isEqualTo("inventory-service is unavailable; try again later");
        services.inventoryService().restart();
        // the refused endpoint is left alone for its backoff (about a second) before it
        // is tried again
        assertThat(placeOrderOnceReachable().status()).isEqualTo(201);
        assertThat(services.inventory().stock("MUG")).isEqualTo(19);
    }

    @Test
    void unreachableInventoryIsExplainedToTheCallerAndItsCauseLoggedOnOneLine(CapturedOutput output) {
        assertThat(api.placeOrder("MUG", 1).status()).isEqualTo(201);
        services.inventoryService().stop();
        OrderApi.Response response = api.placeOrder("MUG", 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().get("title").asString()).isEqualTo("Service unavailable");
        assertThat(response.json().get("detail").asString())
            .isEqualTo("inventory-service is unavailable; try again later");
        assertThat(response.body()).doesNotContain("unreachable", "refused", "rpc://");
        // The transport's reason, for the operator: one line, naming the service and its
        // address.
        assertThat(output.getOut().lines().filter((line) -> line.contains("Call to inventory-service failed")))
            .singleElement()
            .asString()
            .contains("UNAVAILABLE", services.inventoryService().url() + " is unreachable");
    }

    @Test
    void inventoryTooSlowIsServiceUnavailableAtTheDeadlineAndReservesNothing() {
        assertThat(api.placeOrder("MUG", 1).status()).isEqualTo(201);
        services.inventoryService().restart("--inventory.reserve-latency=4s");
        int stockBefore = services.inventory().stock("COFFEE-1KG");
        OrderApi.Response response = api.placeOrder("COFFEE-1KG", 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().get("rpcStatus").asString()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(response.json().get("detail").asString())
            .isEqualTo("inventory-service did not answer in time; try again later");
        // InventoryService.reserve has @RpcMethod(timeout = "2s"): the caller gives up
        // then, without
        // waiting for the inventory's answer.
        assertThat(response.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900))
            .isLessThan(Duration.ofMillis(3500));
        // The caller's cancel reaches the inventory, whose delayed reservation then does
        // nothing.
        Awaitility.await()
            .during(Duration.ofMillis(2500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> services.inventory().stock("COFFEE-1KG") == stockBefore);
    }

    @Test
    void inventoryDownEndsTheStockEventsAndNewOnesAreServiceUnavailable() throws Exception {
        try (EventStream events = EventStream.open(services.uri("/stock/MUG/events"))) {
            assertThat(events.nextData()).contains("\"sku\":\"MUG\"");
            services.inventoryService().stop();
            assertThat(events.nextData()).as("the stream after the inventory stopped").isNull();
        }
        OrderApi.Response response = api.get("/stock/MUG/events");
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.json().get("service").asString()).isEqualTo("inventory");
        assertThat(response.json().get("rpcStatus").asString()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void catalogDownIsServiceUnavailableForEveryOrder() {
        services.catalogService().stop();
        for (int i = 0; i < 20; i++) {
            OrderApi.Response response = api.placeOrder("MUG", 1);
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.json().get("service").asString()).isEqualTo("catalog");
            assertThat(response.elapsed()).isLessThan(Duration.ofSeconds(1));
        }
        services.catalogService().restart();
        assertThat(placeOrderOnceReachable().status()).isEqualTo(201);
    }

    /**
     * Places an order as soon as order-service tries the restarted service again: an
     * endpoint that refused connections is left alone for its backoff (a second or two
     * here), and orders placed before it ends are answered 503 at once.
     */
    private static OrderApi.Response placeOrderOnceReachable() {
        OrderApi.Response response = api.placeOrder("MUG", 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
        while (response.status() == 503 && System.nanoTime() - deadline < 0) {
            response = api.placeOrder("MUG", 1);
        }
        return response;
    }

}
