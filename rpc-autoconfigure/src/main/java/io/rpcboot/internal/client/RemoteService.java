package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;

import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;

/**
 * A logical service and its endpoints, which change as names are resolved again and
 * discovery answers. Each attempt of a call goes to the endpoint its {@link Balancer}
 * chooses among the available ones (an ejected endpoint is skipped); a retry goes to an
 * endpoint the call has not tried when one is available. With no endpoint available a
 * call fails with {@code UNAVAILABLE} at once.
 */
public final class RemoteService {

    private final RemoteServiceConfig config;

    private final EndpointGroup group;

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

    private final @Nullable ContractCheck contractCheck;

    RemoteService(RemoteServiceConfig config, EndpointGroup group, ServicePolicy policy, RetryListener retryListener,
            Timer timer, @Nullable ContractCheck contractCheck) {
        this.config = config;
        this.contractCheck = contractCheck;
        this.group = group;
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
        if (this.contractCheck != null) {
            this.contractCheck.addInterface(clientInterface);
        }
    }

    /**
     * Returns the contract check of the service's connections.
     * @return the check, {@code null} when it is off
     */
    @Nullable ContractCheck contractCheck() {
        return this.contractCheck;
    }

    /**
     * Returns what the client does with the contract check of its connections.
     * @return the mode of the check
     */
    public ContractCheckMode contractCheckMode() {
        return (this.contractCheck != null) ? this.contractCheck.mode() : ContractCheckMode.OFF;
    }

    /**
     * Returns the result of the contract check of each current endpoint that was
     * connected since the client started.
     * @return the results by endpoint URL, in the order of the endpoints
     */
    public Map<String, ContractCheckResult> contractCheckResults() {
        Map<String, ContractCheckResult> results = new LinkedHashMap<>();
        if (this.contractCheck != null) {
            for (Endpoint endpoint : this.group.endpoints()) {
                ContractCheckResult result = this.contractCheck.results().get(endpoint.address());
                if (result != null) {
                    results.put(endpoint.address().toString(), result);
                }
            }
        }
        return results;
    }

    /**
     * Asks for the endpoints to be looked up again soon.
     */
    void refreshEndpoints() {
        this.group.requestRefresh();
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
        List<Endpoint> endpoints = this.group.endpoints();
        if (endpoints.isEmpty()) {
            return noEndpoint(tried);
        }
        Endpoint endpoint = choose(endpoints, tried);
        if (endpoint == null && tried != null) {
            endpoint = choose(endpoints, null);
        }
        if (endpoint == null) {
            return CompletableFuture.failedFuture(new NotProcessedException(null,
                    "no endpoint of service '" + this.config.name() + "' is available: " + failures(endpoints)));
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

    /**
     * Chooses an endpoint of a non-empty list: the only one without drawing anything,
     * else the balancer's choice.
     */
    private @Nullable Endpoint choose(List<Endpoint> endpoints, @Nullable TriedEndpoints tried) {
        if (endpoints.size() == 1) {
            Endpoint only = endpoints.get(0);
            return Balancer.isEligible(only, tried) ? only : null;
        }
        return this.balancer.pick(endpoints, tried);
    }

    /**
     * A call while the service has no endpoint: it waits for the first lookup to answer,
     * and fails at once after that.
     */
    private CompletableFuture<ClientConnection> noEndpoint(@Nullable TriedEndpoints tried) {
        if (!this.group.firstAnswer().isDone()) {
            return this.group.firstAnswer().thenCompose((answered) -> {
                if (this.group.endpoints().isEmpty()) {
                    return noEndpoint(tried);
                }
                return connection(tried);
            });
        }
        String failure = this.group.lookupFailure();
        return CompletableFuture
            .failedFuture(new NotProcessedException(null, "service '" + this.config.name() + "' has no endpoint"
                    + ((failure != null) ? ": " + failure : ": " + this.group.source() + " lists none")));
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
