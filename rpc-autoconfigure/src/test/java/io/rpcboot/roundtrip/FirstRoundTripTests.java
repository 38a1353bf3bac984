package io.rpcboot.roundtrip;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRoundTripTests {

    static ConfigurableApplicationContext server;

    static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { ServerApp.class });
        client = RpcApplications.client(server, "greeter", new Class<?>[] { ClientApp.class });
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void callCrossesTheSocketAndReturns() {
        Greeter greeter = client.getBean(Greeter.class);
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
