package io.rpcboot.demo.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.demo.api.CatalogService;
import io.rpcboot.demo.api.Money;
import io.rpcboot.demo.api.ProductNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The catalog application as its callers see it: started on a free port and called
 * through an rpcboot client proxy over loopback.
 */
class CatalogApplicationTests {

    static ConfigurableApplicationContext service;

    static ConfigurableApplicationContext caller;

    static CatalogService catalog;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(CatalogApplication.class).run("--rpc.server.port=0",
                "--rpc.server.address=127.0.0.1", "--server.port=0", "--server.address=127.0.0.1");
        int port = service.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        caller = new SpringApplicationBuilder(Caller.class).web(WebApplicationType.NONE)
            .run("--rpc.client.services.catalog.urls=rpc://127.0.0.1:" + port);
        catalog = caller.getBean(CatalogService.class);
    }

    @AfterAll
    static void stop() {
        caller.close();
        service.close();
    }

    @Test
    void callerGetsAProxyNotTheImplementation() {
        assertThat(catalog).isNotInstanceOf(InMemoryCatalog.class);
        assertThat(catalog.toString()).contains("rpcboot client", "catalog");
    }

    @Test
    void servesProductsAndPricesOverTheNetwork() throws Exception {
        assertThat(catalog.products()).hasSize(3);
        assertThat(catalog.product("GRINDER").unitPrice()).isEqualTo(Money.euros("64.00"));
        assertThat(catalog.price("MUG", 2)).isEqualTo(Money.euros("19.80"));
    }

    @Test
    void declaredExceptionArrivesAsItself() {
        assertThatExceptionOfType(ProductNotFoundException.class).isThrownBy(() -> catalog.price("TEAPOT", 1))
            .withMessage("No product with SKU 'TEAPOT'");
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
    @EnableRpcClients(clients = CatalogService.class)
    static class Caller {

    }

}
