package io.rpcboot.inprocess.recipe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.annotation.EnableRpcClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(properties = { "rpc.server.port=-1", "rpc.server.in-process.name=catalog" })
class CatalogServiceInProcessTests {

    private static ConfigurableApplicationContext client;

    private static CatalogService catalog;

    @BeforeAll
    static void startClient() {
        client = new SpringApplicationBuilder(CatalogClient.class).web(WebApplicationType.NONE)
            .properties("rpc.client.services.catalog.urls=in-process:catalog")
            .run();
        catalog = client.getBean(CatalogService.class);
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @Test
    void findsAProduct() throws Exception {
        assertThat(catalog.find("sku-1")).isEqualTo(new Product("sku-1", "Teapot", 2500));
    }

    @Test
    void unknownProductArrivesAsTheDeclaredException() {
        assertThatExceptionOfType(ProductNotFoundException.class).isThrownBy(() -> catalog.find("sku-0"))
            .withMessage("No product sku-0");
    }

    @EnableAutoConfiguration
    @EnableRpcClients(clients = CatalogService.class)
    static class CatalogClient {

    }

}
