package io.rpcboot.semantics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;

/**
 * The smallest service, for tests about connections rather than calls: a method that
 * echoes its argument, the configuration that serves it, and the one that calls it.
 */
final class EchoService {

    /** The wire name of the service, for raw requests. */
    static final String NAME = Echo.class.getName();

    private EchoService() {
    }

    /** Echoes its argument. */
    @RpcClient(name = "echo")
    public interface Echo {

        String echo(String text);

    }

    @RpcService
    static class EchoImpl implements Echo {

        @Override
        public String echo(String text) {
            return text;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        EchoImpl echo() {
            return new EchoImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Echo.class)
    static class ClientApp {

    }

}
