package io.rpcboot.demo.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.demo.api.CatalogService;

/**
 * The order service. Its REST API listens on {@code server.port} (8080 by default); it
 * calls the catalog and inventory services at {@code rpc.client.services.catalog.urls}
 * and {@code rpc.client.services.inventory.urls}.
 * <p>
 * The {@code @RpcClient} interfaces live in demo-api's package, outside this
 * application's package, so {@link EnableRpcClients} names it.
 */
@SpringBootApplication
@EnableRpcClients(basePackageClasses = CatalogService.class)
public class OrderApplication {

    /**
     * Starts the order service.
     * @param args command-line arguments, such as
     * {@code --rpc.client.services.catalog.urls=rpc://localhost:9191}
     */
    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }

}
