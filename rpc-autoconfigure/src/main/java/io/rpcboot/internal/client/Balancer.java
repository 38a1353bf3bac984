package io.rpcboot.internal.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the endpoint of an attempt among a service's endpoints.
 */
interface Balancer {

    /**
     * Chooses an available endpoint that the call has not tried.
     * @param endpoints the service's endpoints, at least two (a service with one takes it
     * without a balancer)
     * @param tried the endpoints the call tried, {@code null} on its first attempt
     * @return the endpoint, or {@code null} when none is available and untried
     */
    @Nullable Endpoint pick(List<Endpoint> endpoints, @Nullable TriedEndpoints tried);

    /**
     * Returns whether an endpoint may take an attempt.
     * @param endpoint the endpoint
     * @param tried the endpoints the call tried, or {@code null}
     * @return whether it is available and untried
     */
    static boolean isEligible(Endpoint endpoint, @Nullable TriedEndpoints tried) {
        return endpoint.isAvailable() && (tried == null || !tried.contains(endpoint.address()));
    }

    /**
     * Returns the balancer of a policy.
     * @param loadBalancing the policy
     * @return a new balancer
     */
    static Balancer of(LoadBalancing loadBalancing) {
        return switch (loadBalancing) {
            case LEAST_REQUESTS -> new LeastRequestsBalancer();
            case ROUND_ROBIN -> new RoundRobinBalancer();
        };
    }

}
