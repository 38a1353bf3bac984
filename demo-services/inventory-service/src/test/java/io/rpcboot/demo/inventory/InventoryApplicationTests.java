package io.rpcboot.demo.inventory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.demo.api.InventoryService;
import io.rpcboot.demo.api.OutOfStockException;
import io.rpcboot.demo.api.Reservation;
import io.rpcboot.demo.api.UnknownSkuException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory application as its callers see it: started on a free port and called
 * through an rpcboot client proxy over loopback.
 */
class InventoryApplicationTests {

    static ConfigurableApplicationContext service;

    static ConfigurableApplicationContext caller;

    static InventoryService inventory;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(InventoryApplication.class).run("--rpc.server.port=0",
                "--rpc.server.address=127.0.0.1", "--server.port=0", "--server.address=127.0.0.1");
        int port = service.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        caller = new SpringApplicationBuilder(Caller.class).web(WebApplicationType.NONE)
            .run("--rpc.client.services.inventory.urls=rpc://127.0.0.1:" + port);
        inventory = caller.getBean(InventoryService.class);
    }

    @AfterAll
    static void stop() {
        caller.close();
        service.close();
    }

    @Test
    void reservesAndReleasesOverTheNetwork() throws Exception {
        int before = inventory.stock("COFFEE-1KG");
        Reservation reservation = inventory.reserve("COFFEE-1KG", 3).get();
        assertThat(reservation.quantity()).isEqualTo(3);
        assertThat(inventory.stock("COFFEE-1KG")).isEqualTo(before - 3);
        inventory.release(reservation.id());
        inventory.release(reservation.id());
        assertThat(inventory.stock("COFFEE-1KG")).isEqualTo(before);
    }

    @Test
    void outOfStockCompletesTheCallersFutureWithTheDeclaredException() {
        CompletableFuture<Reservation> reservation = inventory.reserve("GRINDER", 1000);
        assertThat(reservation).failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .havingCause()
            .isExactlyInstanceOf(OutOfStockException.class)
            .withMessageContaining("'GRINDER': 1000 requested");
    }

    @Test
    void watchStreamsTheLevelThenEachChangeUntilTheCallerCancels() {
        InMemoryInventory served = service.getBean(InMemoryInventory.class);
        StepVerifier.create(inventory.watch("MUG"))
            .assertNext((level) -> assertThat(level.available()).isEqualTo(20))
            .then(() -> inventory.reserve("MUG", 2).join())
            .assertNext((level) -> assertThat(level.available()).isEqualTo(18))
            .then(() -> inventory.reserve("MUG", 3).join())
            .assertNext((level) -> assertThat(level.available()).isEqualTo(15))
            .then(() -> assertThat(served.watchers("MUG")).isOne())
            .thenCancel()
            .verify(Duration.ofSeconds(10));
        Awaitility.await("watchers of MUG after the caller cancelled")
            .atMost(Duration.ofSeconds(5))
            .until(() -> served.watchers("MUG") == 0);
    }

    @Test
    void watchOfAnUnknownSkuFailsWithTheDeclaredException() {
        StepVerifier.create(inventory.watch("TEAPOT"))
            .expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(UnknownSkuException.class)
                .hasMessage("The inventory holds no product with SKU 'TEAPOT'"))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void webPortServesActuatorReadinessAndPrometheus() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String port = service.getEnvironment().getRequiredProperty("local.server.port");
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableRpcClients(clients = InventoryService.class)
    static class Caller {

    }

}
