package io.rpcboot.demo.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The catalog service. Its API is the rpcboot server ({@code rpc.server.port}, 9091 by
 * default); its web port ({@code server.port}, 8081 by default) serves only Actuator's
 * health and Prometheus endpoints.
 */
@SpringBootApplication
public class CatalogApplication {

    /**
     * Starts the catalog service.
     * @param args command-line arguments, such as {@code --rpc.server.port=9191}
     */
    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }

}
