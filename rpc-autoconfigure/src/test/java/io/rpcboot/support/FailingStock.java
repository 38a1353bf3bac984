package io.rpcboot.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A service that is always down, for the tests of retries: every execution of its
 * idempotent method fails with {@code UNAVAILABLE} and is counted on the server, so that
 * a test sees how many attempts the client made.
 */
public final class FailingStock {

    private FailingStock() {
    }

    /**
     * Starts a server of the service and a client of it.
     * @param clientConfiguration configuration classes of the client application, besides
     * {@link AutoConfiguredApplication} and {@link ClientApp}
     * @param clientProperties extra properties of the client application,
     * {@code key=value}
     * @return the running applications
     */
    public static Applications start(Class<?>[] clientConfiguration, String... clientProperties) {
        ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        Class<?>[] configuration = new Class<?>[clientConfiguration.length + 2];
        configuration[0] = AutoConfiguredApplication.class;
        configuration[1] = ClientApp.class;
        System.arraycopy(clientConfiguration, 0, configuration, 2, clientConfiguration.length);
        try {
            return new Applications(server, RpcApplications.client(server, "stock", configuration, clientProperties));
        }
        catch (RuntimeException | Error ex) {
            server.close();
            throw ex;
        }
    }

    /**
     * Starts a server of the service and a client of it.
     * @param clientProperties extra properties of the client application,
     * {@code key=value}
     * @return the running applications
     */
    public static Applications start(String... clientProperties) {
        return start(new Class<?>[0], clientProperties);
    }

    /** The service: one idempotent method, so that its failures may be retried. */
    @RpcClient(name = "stock")
    public interface Stock {

        /**
         * Returns the stock level of an item; fails with {@code UNAVAILABLE}.
         * @param sku the item
         * @return never
         */
        @RpcMethod(idempotent = true)
        int level(String sku);

    }

    /**
     * The implementation: counts each execution and fails it with {@code UNAVAILABLE}.
     */
    @RpcService
    public static class StockImpl implements Stock {

        private final AtomicInteger executions = new AtomicInteger();

        @Override
        public int level(String sku) {
            this.executions.incrementAndGet();
            throw new RpcException(RpcStatus.UNAVAILABLE, "the warehouse is down");
        }

    }

    /** A server application's bean: the {@link StockImpl}. */
    @Configuration(proxyBeanMethods = false)
    public static class ServerApp {

        @Bean
        StockImpl stock() {
            return new StockImpl();
        }

    }

    /** A client application's {@link Stock} client. */
    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Stock.class)
    public static class ClientApp {

    }

    /**
     * A running server of the service and client of it; closing closes the client, then
     * the server.
     */
    public static final class Applications implements AutoCloseable {

        private final ConfigurableApplicationContext server;

        private final ConfigurableApplicationContext client;

        private Applications(ConfigurableApplicationContext server, ConfigurableApplicationContext client) {
            this.server = server;
            this.client = client;
        }

        /**
         * Returns the client application.
         * @return its context
         */
        public ConfigurableApplicationContext client() {
            return this.client;
        }

        /**
         * Calls the service through the client, each call expected to fail with
         * {@code UNAVAILABLE}.
         * @param calls how many calls to make
         */
        public void callFailing(int calls) {
            Stock stock = this.client.getBean(Stock.class);
            for (int i = 0; i < calls; i++) {
                assertThatExceptionOfType(RpcException.class).isThrownBy(() -> stock.level("sku"))
                    .returns(RpcStatus.UNAVAILABLE, RpcException::getStatus);
            }
        }

        /**
         * Returns how many times the server executed the method: the client's attempts.
         * @return the count
         */
        public int executions() {
            return this.server.getBean(StockImpl.class).executions.get();
        }

        @Override
        public void close() {
            try {
                this.client.close();
            }
            finally {
                this.server.close();
            }
        }

    }

}
