package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * A logical service and its endpoints. Calls go to the available endpoints in turn; an
 * ejected endpoint is skipped, and one whose connection attempt fails is skipped for that
 * call. With no endpoint available a call fails with {@code UNAVAILABLE} at once.
 */
public final class RemoteService {

    private final RemoteServiceConfig config;

    private final EndpointGroup group;

    private final AtomicInteger next = new AtomicInteger();

    private final Set<Class<?>> clientInterfaces = new CopyOnWriteArraySet<>();

    RemoteService(RemoteServiceConfig config, EndpointGroup group) {
        this.config = config;
        this.group = group;
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
        return this.group.endpoints().stream().map(Endpoint::state).toList();
    }

    /**
     * Returns whether a call may find an endpoint now: one is connected, idle, or due to
     * be tried again.
     * @return whether an endpoint is available
     */
    public boolean hasAvailableEndpoint() {
        for (Endpoint endpoint : this.group.endpoints()) {
            if (endpoint.isAvailable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns why the last lookup of the endpoints failed.
     * @return the failure, {@code null} when the last lookup succeeded
     */
    public @Nullable String lookupFailure() {
        return this.group.lookupFailure();
    }

    /**
     * Returns the current endpoints: an immutable snapshot, replaced as names are
     * resolved again and discovery answers.
     */
    List<Endpoint> endpoints() {
        return this.group.endpoints();
    }

    void addClientInterface(Class<?> clientInterface) {
        this.clientInterfaces.add(clientInterface);
    }

    /**
     * Asks for the endpoints to be looked up again soon.
     */
    void refreshEndpoints() {
        this.group.requestRefresh();
    }

    CompletableFuture<ClientConnection> connection() {
        List<Endpoint> endpoints = this.group.endpoints();
        int size = endpoints.size();
        if (size == 0) {
            return noEndpoint();
        }
        int start = (size == 1) ? 0 : Math.floorMod(this.next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Endpoint endpoint = endpoints.get((start + i) % size);
            if (endpoint.isConnected()) {
                return endpoint.connection(); // the connection's own ready future:
                                              // nothing
                                              // allocated
            }
            if (endpoint.isAvailable()) {
                return connectFrom(endpoints, (start + i) % size, 0, new ArrayList<>());
            }
        }
        return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                "no endpoint of service '" + this.config.name() + "' is available: " + failures(endpoints)));
    }

    private CompletableFuture<ClientConnection> noEndpoint() {
        if (!this.group.firstAnswer().isDone()) {
            return this.group.firstAnswer().thenCompose((answered) -> {
                if (this.group.endpoints().isEmpty()) {
                    return noEndpoint();
                }
                return connection();
            });
        }
        String failure = this.group.lookupFailure();
        return CompletableFuture
            .failedFuture(new RpcException(RpcStatus.UNAVAILABLE, "service '" + this.config.name() + "' has no endpoint"
                    + ((failure != null) ? ": " + failure : ": " + this.group.source() + " lists none")));
    }

    /**
     * Tries the available endpoints from {@code start} until one connects.
     */
    private CompletableFuture<ClientConnection> connectFrom(List<Endpoint> endpoints, int start, int attempt,
            List<String> failures) {
        int size = endpoints.size();
        int index = attempt;
        while (index < size && !endpoints.get((start + index) % size).isAvailable()) {
            failures.add(String.valueOf(endpoints.get((start + index) % size).lastFailure()));
            index++;
        }
        if (index == size) {
            return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                    "no endpoint of service '" + this.config.name() + "' is reachable: " + failures));
        }
        int tried = index;
        return endpoints.get((start + index) % size).connection().handle((connection, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(connection);
            }
            Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                    ? failure.getCause() : failure;
            failures.add(cause.getMessage());
            return connectFrom(endpoints, start, tried + 1, failures);
        }).thenCompose((future) -> future);
    }

    private static List<String> failures(List<Endpoint> endpoints) {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            failures.add(String.valueOf(endpoint.lastFailure()));
        }
        return failures;
    }

    void close() {
        this.group.close();
    }

}
