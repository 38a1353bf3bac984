package io.rpcboot.demo.order;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.demo.api.InventoryService;
import io.rpcboot.demo.catalog.CatalogApplication;
import io.rpcboot.demo.inventory.InventoryApplication;

/**
 * The three demo applications running in the test's JVM: catalog-service and
 * inventory-service on free loopback rpcboot ports, and order-service on a free web port,
 * pointed at them. The catalog and the inventory can be stopped and started again on the
 * same port.
 */
final class DemoServices implements AutoCloseable {

    private final Backend catalog;

    private final Backend inventory;

    private final ConfigurableApplicationContext order;

    private DemoServices(String... orderArguments) {
        this.catalog = new Backend(CatalogApplication.class, "catalog-service");
        this.inventory = new Backend(InventoryApplication.class, "inventory-service");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--rpc.client.services.catalog.urls=" + this.catalog.url(),
                "--rpc.client.services.inventory.urls=" + this.inventory.url()));
        arguments.addAll(Arrays.asList(orderArguments));
        this.order = new SpringApplicationBuilder(OrderApplication.class).main(OrderApplication.class)
            .run(arguments.toArray(String[]::new));
    }

    /**
     * Starts the three applications.
     * @param orderArguments extra command-line arguments of order-service
     * @return the running services
     */
    static DemoServices start(String... orderArguments) {
        return new DemoServices(orderArguments);
    }

    /**
     * Returns the URI of a path of order-service's REST API.
     */
    URI uri(String path) {
        return URI
            .create("http://127.0.0.1:" + this.order.getEnvironment().getRequiredProperty("local.server.port") + path);
    }

    /**
     * Returns the port of order-service's REST API.
     */
    int webPort() {
        return this.order.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Returns the inventory as inventory-service holds it (not a client proxy).
     */
    InventoryService inventory() {
        return this.inventory.context.getBean(InventoryService.class);
    }

    Backend catalogService() {
        return this.catalog;
    }

    Backend inventoryService() {
        return this.inventory;
    }

    @Override
    public void close() {
        this.order.close();
        this.inventory.stop();
        this.catalog.stop();
    }

    /**
     * catalog-service or inventory-service, which can be stopped and started again on its
     * port.
     */
    static final class Backend {

        /**
         * Settings of the back ends. Each of their jars holds an application.yml, and so
         * does order-service: on one classpath only the first is found. Their settings
         * are passed here instead, and spring.config.name names a file that does not
         * exist, so that they do not read order-service's application.yml either.
         */
        private static final List<String> ARGUMENTS = List.of("--spring.config.name=demo-services-test",
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--rpc.server.address=127.0.0.1");

        private final Class<?> application;

        private final String name;

        private final int port;

        private ConfigurableApplicationContext context;

        private Backend(Class<?> application, String name) {
            this.application = application;
            this.name = name;
            this.context = run("--rpc.server.port=0");
            this.port = this.context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        }

        String url() {
            return "rpc://127.0.0.1:" + this.port;
        }

        int port() {
            return this.port;
        }

        /**
         * Stops the service: its port stops answering.
         */
        void stop() {
            this.context.close();
        }

        /**
         * Starts the service again on its port, with fresh data.
         * @param arguments extra command-line arguments
         */
        void restart(String... arguments) {
            stop();
            List<String> all = new ArrayList<>(List.of("--rpc.server.port=" + this.port));
            all.addAll(Arrays.asList(arguments));
            this.context = run(all.toArray(String[]::new));
        }

        private ConfigurableApplicationContext run(String... arguments) {
            List<String> all = new ArrayList<>(ARGUMENTS);
            all.add("--spring.application.name=" + this.name);
            all.addAll(Arrays.asList(arguments));
            return new SpringApplicationBuilder(this.application).main(this.application)
                .run(all.toArray(String[]::new));
        }

    }

}
