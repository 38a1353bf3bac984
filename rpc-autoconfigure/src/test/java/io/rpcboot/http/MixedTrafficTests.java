package io.rpcboot.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The binary protocol and HTTP on the same port at the same time: proxy calls and HTTP
 * calls from many threads, each answered correctly.
 */
class MixedTrafficTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class).client("shop", ClientApplication.class);

    @Test
    void binaryAndHttpCallsInterleaveOnOnePort() throws Exception {
        Shop shop = pair.clientBean(Shop.class);
        HttpCalls http = new HttpCalls(pair.port());
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String name = "caller-" + i;
                if (i % 2 == 0) {
                    calls.add(CompletableFuture.runAsync(() -> {
                        assertThat(shop.greet(name)).isEqualTo("Hello, " + name);
                        assertThat(shop.price(name, 2)).isEqualTo(20);
                    }, callers));
                }
                else {
                    calls.add(http.client()
                        .sendAsync(HttpRequest.newBuilder(http.uri("/io.rpcboot.http.Shop/greet"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[\"" + name + "\"]"))
                            .build(), HttpResponse.BodyHandlers.ofString())
                        .thenAccept((response) -> {
                            assertThat(response.statusCode()).isEqualTo(200);
                            assertThat(response.body()).isEqualTo("\"Hello, " + name + "\"");
                        }));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        finally {
            callers.shutdownNow();
        }
    }

    @Test
    void binaryCallsKeepTheirSemantics() {
        Shop shop = pair.clientBean(Shop.class);
        assertThat(shop.item("sku-1").category()).isEqualTo(Shop.Category.BOOK);
        assertThat(shop.describe(3)).isEqualTo("number 3");
        assertThat(shop.later("Ada").join()).isEqualTo("Later, Ada");
        assertThatExceptionOfType(Shop.OutOfStockException.class).isThrownBy(() -> shop.reserve("sku-1", 5))
            .withMessage("only 3 left of sku-1");
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> shop.fail(RpcStatus.PERMISSION_DENIED, "no"))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.PERMISSION_DENIED));
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> shop.crash("boom"))
            .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.APPLICATION_ERROR))
            .withMessageContaining("java.lang.IllegalStateException")
            .withMessageNotContaining("boom");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableRpcClients(clients = Shop.class)
    static class ClientApplication {

    }

}
