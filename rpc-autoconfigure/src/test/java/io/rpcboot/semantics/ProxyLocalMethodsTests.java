package io.rpcboot.semantics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default methods of a client interface run in the proxy, calling its remote methods like
 * any other caller; {@code equals}, {@code hashCode} and {@code toString} never leave the
 * proxy. The second service, {@code offline}, points at a port where nothing listens:
 * whatever works on its proxy did not need the network.
 */
class ProxyLocalMethodsTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("greeter", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.services.offline.urls=rpc://127.0.0.1:" + unusedPort());

    private final Greeter greeter = pair.clientBean(Greeter.class);

    private final Greeter.Offline offline = pair.clientBean(Greeter.Offline.class);

    private final AtomicInteger serverCalls = pair.serverBean(GreeterImpl.class).calls;

    @Test
    void defaultMethodRunsInTheProxyAndCallsTheRemoteMethods() {
        int before = serverCalls.get();
        assertThat(greeter.greetTwice("Ada")).isEqualTo("Hello, Ada! Hello, Ada!");
        assertThat(serverCalls.get() - before).isEqualTo(2);
    }

    @Test
    void defaultMethodThatCallsNoRemoteMethodNeedsNoServer() {
        assertThat(offline.signature("Ada")).isEqualTo("-- Ada");
    }

    @Test
    void equalsNeverLeavesTheProxy() {
        assertThat(offline.equals(offline)).isTrue();
        assertThat(offline.equals(greeter)).isFalse();
        assertThat(offline.equals(null)).isFalse();
    }

    @Test
    void hashCodeNeverLeavesTheProxy() {
        assertThat(offline.hashCode()).isEqualTo(offline.hashCode());
    }

    @Test
    void toStringNeverLeavesTheProxyAndNamesTheInterface() {
        assertThat(offline.toString()).contains(Greeter.Offline.class.getName()).contains("offline");
    }

    @Test
    void objectMethodsOnAConnectedProxyAreNotCalls() {
        int before = serverCalls.get();
        assertThat(greeter.equals(greeter)).isTrue();
        assertThat(greeter.hashCode()).isEqualTo(greeter.hashCode());
        assertThat(greeter.toString()).contains(Greeter.class.getName());
        assertThat(serverCalls.get()).isEqualTo(before);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @RpcClient(name = "greeter")
    public interface Greeter {

        String greet(String name);

        default String greetTwice(String name) {
            return greet(name) + " " + greet(name);
        }

        @RpcClient(name = "offline")
        interface Offline {

            String greet(String name);

            default String signature(String name) {
                return "-- " + name;
            }

        }

    }

    @RpcService(interfaces = Greeter.class)
    static class GreeterImpl implements Greeter {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String greet(String name) {
            this.calls.incrementAndGet();
            return "Hello, " + name + "!";
        }

        @Override
        public String greetTwice(String name) {
            return "the server's greetTwice, which a caller never reaches";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Greeter.class, Greeter.Offline.class })
    static class ClientApp {

    }

}
