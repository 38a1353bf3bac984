package io.rpcboot.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.autoconfigure.RpcProperties;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code rpc.server.http.enabled=false}, a connection that speaks HTTP is closed
 * without an answer, while the binary protocol works on the same port.
 */
class HttpDisabledTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class)
        .serverProperties("rpc.server.http.enabled=false")
        .client("shop", ClientApplication.class);

    @Test
    void httpConnectionIsClosedWithoutAnAnswer() throws IOException {
        try (RawHttp connection = new RawHttp(pair.port())) {
            connection.write(RawHttp.get("/"));
            assertThat(connection.isClosedByServer()).isTrue();
        }
        try (RawHttp connection = new RawHttp(pair.port())) {
            connection.write(RawHttp.get("/openapi.json"));
            assertThat(connection.isClosedByServer()).isTrue();
        }
        HttpCalls http = new HttpCalls(pair.port());
        assertThatExceptionOfType(UncheckedIOException.class)
            .isThrownBy(() -> http.post("/io.rpcboot.http.Shop/greet", "[\"Ada\"]"));
    }

    @Test
    void httpIsEnabledUnlessTurnedOff() {
        assertThat(new RpcProperties().getServer().getHttp().isEnabled()).isTrue();
        assertThat(pair.serverBean(RpcProperties.class).getServer().getHttp().isEnabled()).isFalse();
    }

    @Test
    void binaryProtocolWorks() {
        assertThat(pair.clientBean(Shop.class).greet("Ada")).isEqualTo("Hello, Ada");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableRpcClients(clients = Shop.class)
    static class ClientApplication {

    }

}
