package io.rpcboot.streaming;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

/**
 * The applications the streaming tests run: a server that exports {@link TickerService}
 * or {@link PipeService} and a client of its interface. A test that needs more beans adds
 * a configuration class of its own next to these.
 */
final class StreamingApplications {

    private StreamingApplications() {
    }

    /**
     * Describes a server that exports {@link TickerService} and a client of
     * {@link Ticker} pointed at it.
     * @return the pair, to be registered in a static field
     */
    static RpcPair tickerPair() {
        return RpcPair.server(AutoConfiguredApplication.class, TickerServer.class)
            .client("ticker", AutoConfiguredApplication.class, TickerClient.class);
    }

    /**
     * Describes a server that exports {@link PipeService} and a client of {@link Pipe}
     * pointed at it.
     * @return the pair, to be registered in a static field
     */
    static RpcPair pipePair() {
        return RpcPair.server(AutoConfiguredApplication.class, PipeServer.class)
            .client("pipe", AutoConfiguredApplication.class, PipeClient.class);
    }

    /** A server application's bean: the {@link TickerService}. */
    @Configuration(proxyBeanMethods = false)
    static class TickerServer {

        @Bean
        TickerService tickerService() {
            return new TickerService();
        }

    }

    /** A client application's {@link Ticker} client. */
    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Ticker.class)
    static class TickerClient {

    }

    /** A server application's bean: the {@link PipeService}. */
    @Configuration(proxyBeanMethods = false)
    static class PipeServer {

        @Bean
        PipeService pipeService() {
            return new PipeService();
        }

    }

    /** A client application's {@link Pipe} client. */
    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Pipe.class)
    static class PipeClient {

    }

}
