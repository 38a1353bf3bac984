package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * A logical service and its endpoints. Each attempt of a call goes to the endpoint its
 * {@link Balancer} chooses; a retry goes to an endpoint the call has not tried when one
 * is available.
 */
public final class RemoteService {

    private final RemoteServiceConfig config;

    private final List<Endpoint> endpoints;

    private final Balancer balancer;

    private final Connections connections = new Connections() {

        @Override
        public CompletableFuture<ClientConnection> connection(@Nullable TriedEndpoints tried) {
            return RemoteService.this.connection(tried);
        }

        @Override
        public boolean hasUntried(TriedEndpoints tried) {
            for (Endpoint endpoint : endpoints()) {
                if (Balancer.isEligible(endpoint, tried)) {
                    return true;
                }
            }
            return false;
        }

    };

    private final Retries retries;

    private final Set<Class<?>> clientInterfaces = new CopyOnWriteArraySet<>();

    RemoteService(RemoteServiceConfig config, ServicePolicy policy, RetryListener retryListener, Bootstrap bootstrap,
            ClientOptions options, PayloadCodec codec, Timer timer) {
        this.config = config;
        List<Endpoint> list = new ArrayList<>();
        for (EndpointAddress address : config.endpoints()) {
            list.add(new Endpoint(address, bootstrap, options, codec, timer));
        }
        this.endpoints = List.copyOf(list);
        this.balancer = Balancer.of(policy.loadBalancing());
        this.retries = new Retries(config.name(), this.connections, policy, retryListener, timer);
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

    /**
     * Returns the current endpoints.
     * @return an immutable snapshot of the endpoints
     */
    List<Endpoint> endpoints() {
        return this.endpoints;
    }

    Connections connections() {
        return this.connections;
    }

    Retries retries() {
        return this.retries;
    }

    /**
     * Returns the connection of an attempt: to the endpoint the balancer chooses among
     * those the call has not tried, else among all.
     */
    private CompletableFuture<ClientConnection> connection(@Nullable TriedEndpoints tried) {
        List<Endpoint> endpoints = endpoints();
        Endpoint endpoint = this.balancer.pick(endpoints, tried);
        if (endpoint == null && tried != null) {
            endpoint = this.balancer.pick(endpoints, null);
        }
        if (endpoint == null) {
            return CompletableFuture.failedFuture(new NotProcessedException(null,
                    "no endpoint of service '" + this.config.name() + "' is available"));
        }
        CompletableFuture<ClientConnection> connection = endpoint.connection();
        if (connection.isDone() && !connection.isCompletedExceptionally()) {
            return connection; // the connection's own ready future: nothing allocated
        }
        EndpointAddress address = endpoint.address();
        return connection.exceptionally((failure) -> {
            throw new NotProcessedException(address, ClientMethod.unwrap(failure).getDescription());
        });
    }

    void close() {
        this.endpoints.forEach(Endpoint::close);
    }

}
