package io.rpcboot.semantics;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up of an application with an {@code @RpcClient}: without an endpoint it fails and
 * says what to set; with a local {@code @RpcService} implementing the interface it needs
 * no endpoint, and the local bean is what gets injected.
 */
class ClientStartupTests {

    @Test
    void clientWithoutUrlsFailsStartUpNamingTheInterfaceAndTheProperty() {
        assertThatException().isThrownBy(() -> start(ClientApp.class).close())
            .havingRootCause()
            .withMessageContaining(Inventory.class.getName())
            .withMessageContaining("rpc.client.services.inventory.urls");
    }

    @Test
    void clientWithoutUrlsFailsStartUpWhenABeanNeedsIt() {
        assertThatException().isThrownBy(() -> start(ClientApp.class, ShopApp.class).close())
            .havingRootCause()
            .withMessageContaining(Inventory.class.getName())
            .withMessageContaining("rpc.client.services.inventory.urls");
    }

    @Test
    void localServiceIsInjectedInsteadOfAProxy() {
        try (ConfigurableApplicationContext context = start(ClientApp.class, ShopApp.class, LocalServiceApp.class)) {
            InventoryImpl local = context.getBean(InventoryImpl.class);
            assertThat(context.getBean(Inventory.class)).isSameAs(local);
            assertThat(context.getBean(Shop.class).inventory).isSameAs(local);
            assertThat(Proxy.isProxyClass(context.getBean(Shop.class).inventory.getClass())).isFalse();
            assertThat(context.getBean(Shop.class).inventory.stock("bolt")).isEqualTo(7);
        }
    }

    private static ConfigurableApplicationContext start(Class<?>... configuration) {
        Class<?>[] sources = new Class<?>[configuration.length + 1];
        sources[0] = AutoConfiguredApplication.class;
        System.arraycopy(configuration, 0, sources, 1, configuration.length);
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "rpc.server.port=0", "rpc.server.address=127.0.0.1")
            .run();
    }

    @RpcClient(name = "inventory")
    public interface Inventory {

        int stock(String item);

    }

    @RpcService
    static class InventoryImpl implements Inventory {

        @Override
        public int stock(String item) {
            return 7;
        }

    }

    static class Shop {

        final Inventory inventory;

        Shop(Inventory inventory) {
            this.inventory = inventory;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Inventory.class)
    static class ClientApp {

    }

    @Configuration(proxyBeanMethods = false)
    static class ShopApp {

        @Bean
        Shop shop(Inventory inventory) {
            return new Shop(inventory);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class LocalServiceApp {

        @Bean
        InventoryImpl inventory() {
            return new InventoryImpl();
        }

    }

}
