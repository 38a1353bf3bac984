package io.rpcboot.streaming;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;
import reactor.core.publisher.Flux;

/**
 * A client application with a streaming interface, run by {@link ReactorAbsentTests} in a
 * class loader without reactor-core: returns the message of its start-up failure.
 */
public class ReactiveWithoutReactorScenario implements Callable<String> {

    @Override
    public String call() {
        try (ConfigurableApplicationContext client = RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class },
                "rpc.client.services.quotes.urls=rpc://127.0.0.1:1")) {
            return "started, which it should not";
        }
        catch (RuntimeException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return String.valueOf(cause.getMessage());
        }
    }

    /** A streaming service. */
    @RpcClient(name = "quotes")
    public interface Quotes {

        /**
         * Streams quotes.
         * @param symbol the symbol
         * @return the quotes
         */
        Flux<String> quotes(String symbol);

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Quotes.class)
    static class ClientApp {

    }

}
