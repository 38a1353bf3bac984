package io.rpcboot.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers on one connection, non-blocking methods answered on the server's I/O
 * thread: every call gets its own answer and none is lost between the callers' threads
 * and the connection's write queue (a lost wake-up of that queue once stalled such a
 * connection for good).
 */
class ConcurrentCallersTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("echo", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.timeout=3s");

    @Test
    void sixtyFourCallersGetEveryAnswer() throws Exception {
        Echo echo = pair.clientBean(Echo.class);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicLong errors = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    String text = Thread.currentThread().getName() + "-" + i;
                    try {
                        if (!text.equals(echo.echo(text))) {
                            wrong.incrementAndGet();
                        }
                    }
                    catch (RuntimeException ex) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(errors).hasValue(0);
            assertThat(wrong).hasValue(0);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @RpcClient(name = "echo")
    public interface Echo {

        @RpcMethod(blocking = false)
        String echo(String text);

    }

    @RpcService
    static class EchoService implements Echo {

        @Override
        public String echo(String text) {
            return text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        EchoService echoService() {
            return new EchoService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Echo.class)
    static class ClientApp {

    }

}
