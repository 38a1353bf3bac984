package io.rpcboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.RpcInterceptorChain;
import io.rpcboot.internal.server.CallDispatcher;
import io.rpcboot.internal.server.ConnectionProtocol;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerOptions;
import io.rpcboot.internal.server.ServiceRegistry;
import io.rpcboot.internal.server.http.HttpAuthentication;
import io.rpcboot.internal.server.http.HttpTransport;

/**
 * Creates the rpcboot server for the services an application exports: configured, not
 * started.
 */
final class RpcServerFactory {

    private final ServerOptions options;

    private final PayloadCodec codec;

    private final @Nullable Executor executor;

    private final RpcInterceptorChain interceptors;

    private final boolean httpEnabled;

    private final @Nullable HttpAuthentication httpAuthentication;

    /**
     * Creates a factory.
     * @param options where servers listen and what they accept
     * @param codec the payload codec
     * @param executor what runs calls, {@code null} for a pool of
     * {@link ServerOptions#maxThreads()} threads owned by each server
     * @param interceptors the interceptors every call runs through, in order
     * @param httpEnabled whether the server's port also answers HTTP/JSON
     */
    RpcServerFactory(ServerOptions options, PayloadCodec codec, @Nullable Executor executor,
            List<RpcServerInterceptor> interceptors, boolean httpEnabled) {
        this(options, codec, executor, interceptors, httpEnabled, null);
    }

    /**
     * Creates a factory of servers that authenticate their callers.
     * @param options where servers listen and what they accept
     * @param codec the payload codec
     * @param executor what runs calls, {@code null} for a pool of
     * {@link ServerOptions#maxThreads()} threads owned by each server
     * @param interceptors the interceptors every call runs through, in order
     * @param httpEnabled whether the server's port also answers HTTP/JSON
     * @param httpAuthentication what checks {@code GET /} and names the challenge of
     * {@code 401} answers, {@code null} when the server authenticates nobody
     */
    RpcServerFactory(ServerOptions options, PayloadCodec codec, @Nullable Executor executor,
            List<RpcServerInterceptor> interceptors, boolean httpEnabled,
            @Nullable HttpAuthentication httpAuthentication) {
        this.httpAuthentication = httpAuthentication;
        this.options = options;
        this.codec = codec;
        this.executor = executor;
        this.interceptors = RpcInterceptorChain.of(interceptors);
        this.httpEnabled = httpEnabled;
    }

    /**
     * Returns the options of the servers this factory creates.
     * @return the options
     */
    ServerOptions options() {
        return this.options;
    }

    /**
     * Creates a server that exports the given services once started.
     * @param services the services, at most one implementation per interface
     * @return the server, not started
     * @throws IllegalStateException when an interface is exported twice
     */
    RpcServer create(List<ExportedService> services) {
        return new RpcServer(this.options, new ServiceRegistry(byInterface(services), this.codec), this.codec,
                this.executor, this.interceptors, List.of(http()), this.httpAuthentication);
    }

    private Function<CallDispatcher, ConnectionProtocol> http() {
        int maxMessageSize = this.options.maxMessageSize();
        HttpAuthentication authentication = this.httpAuthentication;
        return this.httpEnabled ? (dispatcher) -> new HttpTransport(dispatcher, maxMessageSize, authentication)
                : (dispatcher) -> HttpTransport.disabled();
    }

    private static Map<Class<?>, Object> byInterface(List<ExportedService> services) {
        Map<Class<?>, Object> exported = new LinkedHashMap<>();
        for (ExportedService service : services) {
            if (exported.putIfAbsent(service.serviceInterface(), service.implementation()) != null) {
                throw new IllegalStateException(
                        "Service " + service.serviceInterface().getName() + " is exported twice");
            }
        }
        return exported;
    }

}
