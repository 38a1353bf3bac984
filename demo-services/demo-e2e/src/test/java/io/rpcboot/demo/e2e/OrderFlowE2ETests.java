package io.rpcboot.demo.e2e;

import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.command.HealthStateLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders placed through order-service's REST API, with catalog-service and
 * inventory-service behind it, each in its own container, talking over rpcboot across a
 * Docker network.
 */
class OrderFlowE2ETests {

    private static final JsonMapper json = JsonMapper.shared();

    @RegisterExtension
    static final DemoSystem demo = new DemoSystem();

    private final OrderApi api = demo.orderApi();

    @Test
    void placesAnOrderPricedByTheCatalogAndReservedInTheInventory() {
        OrderApi.Response placed = this.api.placeOrder("COFFEE-1KG", 2);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.get("sku").asString()).isEqualTo("COFFEE-1KG");
        assertThat(order.get("product").asString()).isEqualTo("Espresso beans, 1 kg");
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("unitPrice").get("amount").asString()).isEqualTo("18.50");
        assertThat(order.get("total").get("amount").asString()).isEqualTo("37.00");
        assertThat(order.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(order.get("reservationId").asString()).isNotBlank();
        String location = placed.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/orders/" + order.get("id").asString());
        OrderApi.Response readBack = this.api.get(location);
        assertThat(readBack.status()).as(readBack.toString()).isEqualTo(200);
        assertThat(readBack.json()).isEqualTo(order);
    }

    @Test
    void outOfStockCrossesTheWireAsTheDeclaredExceptionAndIsAConflict() {
        OrderApi.Response response = this.api.placeOrder("GRINDER", 1000);
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.field("title")).isEqualTo("Out of stock");
        // OutOfStockException's message, written by inventory-service and recreated in
        // order-service
        assertThat(response.field("detail")).isEqualTo("Not enough stock of 'GRINDER': 1000 requested, 5 available");
        assertThat(response.field("sku")).isEqualTo("GRINDER");
    }

    @Test
    void unknownProductCrossesTheWireAsTheDeclaredExceptionAndIsNotFound() {
        OrderApi.Response response = this.api.placeOrder("TEAPOT", 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.field("title")).isEqualTo("Unknown product");
        assertThat(response.field("detail")).isEqualTo("No product with SKU 'TEAPOT'");
    }

    @Test
    void stockLevelsStreamAsServerSentEventsWhileOrdersChangeTheStock() throws Exception {
        // The inventory's Flux<StockLevel>, streamed over rpcboot across the network to
        // order-service, which sends each level to the client as an event.
        try (EventStream events = EventStream.open(this.api.uri("/stock/MUG/events"))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.contentType()).startsWith("text/event-stream");
            JsonNode first = json.readTree(events.nextData());
            assertThat(first.get("sku").asString()).isEqualTo("MUG");
            int initial = first.get("available").asInt();
            List<Integer> levels = new ArrayList<>(List.of(initial));
            for (int quantity : new int[] { 1, 2, 3 }) {
                OrderApi.Response placed = this.api.placeOrder("MUG", quantity);
                assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
                levels.add(json.readTree(events.nextData()).get("available").asInt());
            }
            assertThat(levels).containsExactly(initial, initial - 1, initial - 3, initial - 6);
        }
    }

    @Test
    void listsTheCatalogsProducts() {
        OrderApi.Response response = this.api.get("/products");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().findValuesAsString("sku")).containsExactly("COFFEE-1KG", "GRINDER", "MUG");
    }

    @Test
    void everyImagesHealthCheckAsksActuatorFromInsideTheContainer() {
        demo.containers().forEach((alias, container) -> {
            assertThat(container.isHealthy()).as(alias + " healthy").isTrue();
            List<HealthStateLog> checks = container.getCurrentContainerInfo().getState().getHealth().getLog();
            assertThat(checks).as(alias + " health checks").isNotEmpty();
            HealthStateLog last = checks.get(checks.size() - 1);
            assertThat(last.getExitCodeLong()).as(alias + ": " + last.getOutput()).isZero();
            assertThat(last.getOutput()).as(alias)
                .contains("http://127.0.0.1:8080/actuator/health/readiness answered 200 {\"status\":\"UP\"");
        });
    }

    @Test
    void servicesRunAsAUserOfTheirOwnNotRoot() throws Exception {
        for (var entry : demo.containers().entrySet()) {
            assertThat(entry.getValue().getContainerInfo().getConfig().getUser()).as(entry.getKey())
                .isEqualTo("10001:10001");
            // The image has no `id`: ask the kernel which user runs the JVM (PID 1).
            ExecResult uid = entry.getValue()
                .execInContainer("sh", "-c", "while read -r key real rest; do [ \"$key\" = Uid: ] && echo \"$real\"; "
                        + "done </proc/1/status");
            assertThat(uid.getStdout().strip()).as(entry.getKey() + ": " + uid).isEqualTo("10001");
        }
    }

    @Test
    void orderServiceExposesPrometheusMetrics() {
        assertThat(this.api.get("/products").status()).isEqualTo(200);
        OrderApi.Response metrics = this.api.get("/actuator/prometheus");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{").contains("uri=\"/products\"");
    }

}
