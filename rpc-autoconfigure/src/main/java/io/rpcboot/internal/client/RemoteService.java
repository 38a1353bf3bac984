package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.Timer;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * A logical service and its endpoints. Calls go to the endpoints in turn; an endpoint
 * that cannot be reached is skipped for that call.
 */
public final class RemoteService {

    private final RemoteServiceConfig config;

    private final List<Endpoint> endpoints;

    private final AtomicInteger next = new AtomicInteger();

    private final Set<Class<?>> clientInterfaces = new CopyOnWriteArraySet<>();

    RemoteService(RemoteServiceConfig config, Bootstrap bootstrap, ClientOptions options, PayloadCodec codec,
            Timer timer) {
        this.config = config;
        List<Endpoint> list = new ArrayList<>();
        for (EndpointAddress address : config.endpoints()) {
            list.add(new Endpoint(address, bootstrap, options, codec, timer));
        }
        this.endpoints = List.copyOf(list);
    }

    /**
     * Returns the configuration of the service.
     * @return the configuration
     */
    public RemoteServiceConfig config() {
        return this.config;
    }

    /**
     * Returns the interfaces whose clients call this service.
     * @return the client interfaces
     */
    public Set<Class<?>> clientInterfaces() {
        return Collections.unmodifiableSet(this.clientInterfaces);
    }

    /**
     * Returns the state of each endpoint.
     * @return the endpoints' states
     */
    public List<EndpointState> endpointStates() {
        return this.endpoints.stream().map(Endpoint::state).toList();
    }

    void addClientInterface(Class<?> clientInterface) {
        this.clientInterfaces.add(clientInterface);
    }

    CompletableFuture<ClientConnection> connection() {
        if (this.endpoints.size() == 1) {
            return this.endpoints.get(0).connection();
        }
        int start = Math.floorMod(this.next.getAndIncrement(), this.endpoints.size());
        Endpoint first = this.endpoints.get(start);
        if (first.isConnected()) {
            return first.connection(); // the connection's own ready future: nothing
                                       // allocated
        }
        return connectFrom(start, 0, new ArrayList<>());
    }

    private CompletableFuture<ClientConnection> connectFrom(int start, int attempt, List<String> failures) {
        if (attempt == this.endpoints.size()) {
            return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                    "no endpoint of service '" + this.config.name() + "' is reachable: " + failures));
        }
        Endpoint endpoint = this.endpoints.get((start + attempt) % this.endpoints.size());
        return endpoint.connection().handle((connection, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(connection);
            }
            Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                    ? failure.getCause() : failure;
            failures.add(cause.getMessage());
            return connectFrom(start, attempt + 1, failures);
        }).thenCompose((future) -> future);
    }

    void close() {
        this.endpoints.forEach(Endpoint::close);
    }

}
