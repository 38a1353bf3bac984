package io.rpcboot.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

/**
 * A service that says which server answered, for tests of where calls go: each server
 * answers with the address it listens on.
 */
final class WhereService {

    /**
     * Calls in flight in {@link Where#hold}, by the address of the server running them.
     */
    static final Map<String, Integer> HOLDING = new ConcurrentHashMap<>();

    /** Released to let the calls in {@link Where#hold} answer. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    private WhereService() {
    }

    /**
     * Starts a server listening on the given loopback address and port.
     */
    static ConfigurableApplicationContext server(String address, int port) {
        return RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class },
                "rpc.server.address=" + address, "rpc.server.port=" + port);
    }

    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Says which server answered. */
    @RpcClient(name = "where")
    public interface Where {

        /** Returns the address of the server. */
        String where();

        /** Waits for {@link #release}, then returns the address of the server. */
        String hold();

    }

    @RpcService
    static class WhereImpl implements Where {

        private final String address;

        WhereImpl(String address) {
            this.address = address;
        }

        @Override
        public String where() {
            return this.address;
        }

        @Override
        public String hold() {
            HOLDING.merge(this.address, 1, Integer::sum);
            try {
                release.await(20, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            finally {
                HOLDING.merge(this.address, -1, Integer::sum);
            }
            return this.address;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        WhereImpl where(@Value("${rpc.server.address}") String address) {
            return new WhereImpl(address);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Where.class)
    static class ClientApp {

    }

}
