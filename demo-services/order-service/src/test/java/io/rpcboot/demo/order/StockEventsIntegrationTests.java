package io.rpcboot.demo.order;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.demo.inventory.InMemoryInventory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service's {@code GET /stock/{sku}/events}: the inventory's stream of stock levels
 * as server-sent events, read as a browser reads them while orders change the stock.
 */
class StockEventsIntegrationTests {

    private static final JsonMapper json = JsonMapper.shared();

    static DemoServices services;

    static OrderApi api;

    @BeforeAll
    static void start() {
        // A short heartbeat, so that a client that left is noticed within the test.
        services = DemoServices.start("--order.stock-events.heartbeat=200ms");
        api = new OrderApi(services);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void streamsTheCurrentLevelThenTheLevelAfterEachOrder() throws Exception {
        int before = services.inventory().stock("MUG");
        try (EventStream events = EventStream.open(services.uri("/stock/MUG/events"))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.contentType()).startsWith("text/event-stream");
            JsonNode first = json.readTree(events.nextData());
            assertThat(first.get("sku").asString()).isEqualTo("MUG");
            assertThat(first.get("available").asInt()).isEqualTo(before);
            assertThat(first.get("at").asString()).isNotBlank();
            assertThat(api.placeOrder("MUG", 2).status()).isEqualTo(201);
            assertThat(available(events.nextData())).isEqualTo(before - 2);
            assertThat(api.placeOrder("MUG", 3).status()).isEqualTo(201);
            assertThat(available(events.nextData())).isEqualTo(before - 5);
        }
    }

    @Test
    void clientThatLeavesStopsWatchingTheInventory() throws Exception {
        InMemoryInventory inventory = (InMemoryInventory) services.inventory();
        try (EventStream events = EventStream.open(services.uri("/stock/GRINDER/events"))) {
            assertThat(available(events.nextData())).isEqualTo(inventory.stock("GRINDER"));
            assertThat(inventory.watchers("GRINDER")).isOne();
        }
        // order-service notices at its next heartbeat (200 ms here) and cancels the
        // stream.
        Awaitility.await("inventory's watchers of GRINDER after the client left")
            .atMost(Duration.ofSeconds(10))
            .until(() -> inventory.watchers("GRINDER") == 0);
    }

    @Test
    void unknownSkuIsNotFoundNamingTheSku() throws Exception {
        try (EventStream events = EventStream.open(services.uri("/stock/TEAPOT/events"))) {
            // What a browser's EventSource gets: an error status, and it does not retry.
            assertThat(events.status()).isEqualTo(404);
            assertThat(events.contentType()).isEqualTo("application/problem+json");
        }
        OrderApi.Response response = api.get("/stock/TEAPOT/events");
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Unknown product");
        assertThat(response.json().get("sku").asString()).isEqualTo("TEAPOT");
        assertThat(response.json().get("detail").asString())
            .isEqualTo("The inventory holds no product with SKU 'TEAPOT'");
    }

    private static int available(String data) {
        return json.readTree(data).get("available").asInt();
    }

}
