package io.rpcboot.demo.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The catalog service. It has no web port: its only endpoint is the rpcboot server
 * ({@code rpc.server.port}, 9091 by default).
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
