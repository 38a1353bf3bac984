package io.rpcboot.support;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link RpcPair} closes what it started, the client before the server, also when the
 * client fails to start.
 */
class RpcPairTests {

    static final List<String> closed = new CopyOnWriteArrayList<>();

    private final ExtensionContext context = (ExtensionContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { ExtensionContext.class }, (proxy, method, args) -> {
                if (method.getName().equals("getUniqueId")) {
                    return "[class:RpcPairTests]";
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @BeforeEach
    void clear() {
        closed.clear();
    }

    @Test
    void closesTheClientThenTheServer() throws Exception {
        RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
            .client("anything", AutoConfiguredApplication.class, ClientApp.class);
        pair.beforeAll(this.context);
        try {
            assertThat(pair.port()).isPositive();
            assertThat(pair.clientBean(Closing.class).name).isEqualTo("client");
        }
        finally {
            pair.afterAll(this.context);
        }
        assertThat(closed).containsExactly("client", "server");
        assertThatIllegalStateException().isThrownBy(pair::server);
    }

    @Test
    void closesTheServerWhenTheClientFailsToStart() {
        RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
            .client("anything", AutoConfiguredApplication.class, ClientApp.class)
            .clientProperties("rpc.client.timeout=not-a-duration");
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> pair.beforeAll(this.context));
        assertThat(closed).endsWith("server");
        assertThatIllegalStateException().isThrownBy(pair::server);
    }

    static final class Closing implements DisposableBean {

        final String name;

        Closing(String name) {
            this.name = name;
        }

        @Override
        public void destroy() {
            closed.add(this.name);
        }

    }

    public interface Ping {

        String ping();

    }

    @RpcService
    static class PingService implements Ping {

        @Override
        public String ping() {
            return "pong";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        PingService pingService() {
            return new PingService();
        }

        @Bean
        Closing closing() {
            return new Closing("server");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClientApp {

        @Bean
        Closing closing() {
            return new Closing("client");
        }

    }

}
