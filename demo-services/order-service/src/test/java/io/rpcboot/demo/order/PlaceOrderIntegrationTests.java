package io.rpcboot.demo.order;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.rpcboot.demo.api.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service's REST API with catalog-service and inventory-service behind it, all
 * three running and talking over rpcboot on loopback.
 */
class PlaceOrderIntegrationTests {

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

    @Test
    void placesAnOrderPricedByTheCatalogAndReservedInTheInventory() {
        int stockBefore = services.inventory().stock("COFFEE-1KG");
        OrderApi.Response response = api.placeOrder("COFFEE-1KG", 2);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        Order order = response.as(Order.class);
        assertThat(order.sku()).isEqualTo("COFFEE-1KG");
        assertThat(order.product()).isEqualTo("Espresso beans, 1 kg");
        assertThat(order.quantity()).isEqualTo(2);
        assertThat(order.unitPrice()).isEqualTo(Money.euros("18.50"));
        assertThat(order.total()).isEqualTo(Money.euros("37.00"));
        assertThat(order.reservationId()).isNotBlank();
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + order.id());
        assertThat(services.inventory().stock("COFFEE-1KG")).isEqualTo(stockBefore - 2);
    }

    @Test
    void moneyIsWrittenAsAStringWithTwoDecimals() {
        OrderApi.Response response = api.placeOrder("MUG", 3);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("total").get("amount").isString()).isTrue();
        assertThat(response.json().get("total").get("amount").asString()).isEqualTo("29.70");
    }

    @Test
    void placedOrderCanBeReadBack() {
        Order placed = api.placeOrder("MUG", 1).as(Order.class);
        OrderApi.Response response = api.get("/orders/" + placed.id());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.as(Order.class)).isEqualTo(placed);
    }

    @Test
    void orderBeyondTheStockIsOutOfStockConflictNamingTheSku() {
        int stockBefore = services.inventory().stock("GRINDER");
        OrderApi.Response response = api.placeOrder("GRINDER", stockBefore + 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("title").asString()).isEqualTo("Out of stock");
        assertThat(problem.get("sku").asString()).isEqualTo("GRINDER");
        assertThat(problem.get("detail").asString()).isEqualTo(
                "Not enough stock of 'GRINDER': " + (stockBefore + 1) + " requested, " + stockBefore + " available");
        assertThat(services.inventory().stock("GRINDER")).isEqualTo(stockBefore);
    }

    @Test
    void unknownProductIsNotFoundNamingTheSku() {
        OrderApi.Response response = api.placeOrder("TEAPOT", 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("title").asString()).isEqualTo("Unknown product");
        assertThat(problem.get("sku").asString()).isEqualTo("TEAPOT");
        assertThat(problem.get("detail").asString()).isEqualTo("No product with SKU 'TEAPOT'");
    }

    @Test
    void quantityBelowOneIsABadRequestSayingWhy() {
        OrderApi.Response response = api.placeOrder("MUG", 0);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("quantity must be at least 1");
    }

    @Test
    void bodyThatIsNotAnOrderIsABadRequest() {
        OrderApi.Response response = api.post("/orders", "[1, 2]");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("title").asString()).isEqualTo("Invalid order");
    }

    @Test
    void unknownOrderIsNotFound() {
        OrderApi.Response response = api.get("/orders/no-such-order");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("orderId").asString()).isEqualTo("no-such-order");
    }

    @Test
    void listsTheCatalogsProducts() {
        OrderApi.Response response = api.get("/products");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().findValuesAsString("sku")).containsExactly("COFFEE-1KG", "GRINDER", "MUG");
    }

}
