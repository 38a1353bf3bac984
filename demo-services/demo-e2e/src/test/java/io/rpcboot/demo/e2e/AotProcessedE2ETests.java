package io.rpcboot.demo.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo services run from the code that Spring AOT generated at build time
 * ({@code spring-boot:process-aot}, in every service's build), with
 * {@code spring.aot.enabled=true}: no configuration class is parsed and no package is
 * scanned at start-up, the {@code @RpcClient} proxies are registered by generated code.
 */
class AotProcessedE2ETests {

    @RegisterExtension
    static final DemoSystem demo = new DemoSystem().withEachService(
            (container) -> container.withEnv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -Dspring.aot.enabled=true"));

    private final OrderApi api = demo.orderApi();

    @Test
    void everyServiceStartsFromItsGeneratedCode() {
        demo.containers()
            .forEach((alias, container) -> assertThat(container.getLogs()).as(alias)
                .contains("Starting AOT-processed "));
    }

    @Test
    void placesAnOrderThroughTheGeneratedClientProxies() {
        OrderApi.Response placed = this.api.placeOrder("COFFEE-1KG", 2);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.get("product").asString()).isEqualTo("Espresso beans, 1 kg");
        assertThat(order.get("total").get("amount").asString()).isEqualTo("37.00");
        assertThat(order.get("reservationId").asString()).isNotBlank();
    }

    @Test
    void declaredExceptionsCrossTheWire() {
        OrderApi.Response response = this.api.placeOrder("GRINDER", 1000);
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.field("detail")).isEqualTo("Not enough stock of 'GRINDER': 1000 requested, 5 available");
    }

}
