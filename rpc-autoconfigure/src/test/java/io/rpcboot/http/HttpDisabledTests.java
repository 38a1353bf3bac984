package io.rpcboot.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.autoconfigure.RpcProperties;
import io.rpcboot.support.RpcApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code rpc.server.http.enabled=false}, a connection that speaks HTTP is closed without an
 * answer, while the binary protocol works on the same port.
 */
class HttpDisabledTests {

    static ConfigurableApplicationContext server;

    static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        server = RpcApplications.server(new Class<?>[] { ShopApplication.class }, "rpc.server.http.enabled=false");
        client = RpcApplications.client(server, "shop", new Class<?>[] { ClientApplication.class });
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void httpConnectionIsClosedWithoutAnAnswer() throws IOException {
        try (RawHttp connection = new RawHttp(RpcApplications.port(server))) {
            connection.write(RawHttp.get("/"));
            assertThat(connection.isClosedByServer()).isTrue();
        }
        HttpCalls http = new HttpCalls(RpcApplications.port(server));
        assertThatExceptionOfType(UncheckedIOException.class)
            .isThrownBy(() -> http.post("/io.rpcboot.http.Shop/greet", "[\"Ada\"]"));
    }

    @Test
    void httpIsEnabledUnlessTurnedOff() {
        assertThat(new RpcProperties().getServer().getHttp().isEnabled()).isTrue();
        assertThat(server.getBean(RpcProperties.class).getServer().getHttp().isEnabled()).isFalse();
    }

    @Test
    void binaryProtocolWorks() {
        assertThat(client.getBean(Shop.class).greet("Ada")).isEqualTo("Hello, Ada");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableRpcClients(clients = Shop.class)
    static class ClientApplication {

    }

}
