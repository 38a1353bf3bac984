package io.rpcboot.demo.inventory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The inventory service. Its API is the rpcboot server ({@code rpc.server.port}, 9092 by
 * default); its web port ({@code server.port}, 8082 by default) serves only Actuator's
 * health and Prometheus endpoints.
 */
@SpringBootApplication
public class InventoryApplication {

    /**
     * The threads that make reservations. The executor is shut down when the context is
     * destroyed, after the rpcboot server has drained, so the calls it accepted still
     * complete on shutdown.
     * @return the executor
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService reservationExecutor() {
        return Executors.newFixedThreadPool(4, new CustomizableThreadFactory("reservation-"));
    }

    /**
     * Starts the inventory service.
     * @param args command-line arguments, such as {@code --rpc.server.port=9192}
     */
    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }

}
