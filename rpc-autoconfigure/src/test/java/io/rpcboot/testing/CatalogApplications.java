package io.rpcboot.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.app.AutoConfiguredApplication;

/**
 * The applications of the AOT tests: one that serves the {@link Catalog}, one that calls
 * it.
 */
final class CatalogApplications {

    private CatalogApplications() {
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AutoConfiguredApplication.class)
    static class CatalogServer {

        @Bean
        CatalogService catalogService() {
            return new CatalogService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Catalog.class)
    @Import(AutoConfiguredApplication.class)
    static class CatalogCaller {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = InternalCatalog.class)
    @Import(AutoConfiguredApplication.class)
    static class InternalCatalogCaller {

    }

}
