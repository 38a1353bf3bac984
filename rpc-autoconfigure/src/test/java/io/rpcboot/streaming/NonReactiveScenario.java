package io.rpcboot.streaming;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

/**
 * A server and a client application with an interface that uses no Reactor type, run by
 * {@link ReactorAbsentTests} in a class loader without reactor-core: returns the answer
 * of one call.
 */
public class NonReactiveScenario implements Callable<String> {

    @Override
    public String call() {
        try (ConfigurableApplicationContext server = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
                ConfigurableApplicationContext client = RpcApplications.client(server, "plain",
                        new Class<?>[] { AutoConfiguredApplication.class, ClientApp.class })) {
            return client.getBean(Plain.class).echo("hello");
        }
    }

    /** A service without Reactor types. */
    @io.rpcboot.annotation.RpcClient(name = "plain")
    public interface Plain {

        /**
         * Echoes.
         * @param text the text
         * @return the echo
         */
        String echo(String text);

    }

    @RpcService
    static class PlainImpl implements Plain {

        @Override
        public String echo(String text) {
            return "echo: " + text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        PlainImpl plain() {
            return new PlainImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Plain.class)
    static class ClientApp {

    }

}
