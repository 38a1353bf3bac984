package io.rpcboot.roundtrip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRoundTripTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ServerApp.class).client("greeter", ClientApp.class);

    @Test
    void callCrossesTheSocketAndReturns() {
        Greeter greeter = pair.clientBean(Greeter.class);
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
    }

    @RpcClient(name = "greeter")
    public interface Greeter {

        String greet(String name);

    }

    @RpcService
    static class GreeterImpl implements Greeter {

        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ServerApp {

        @Bean
        GreeterImpl greeter() {
            return new GreeterImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableRpcClients(clients = Greeter.class)
    static class ClientApp {

    }

}
