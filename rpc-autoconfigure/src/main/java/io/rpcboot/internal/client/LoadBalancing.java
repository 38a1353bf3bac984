package io.rpcboot.internal.client;

/**
 * How a service's calls are spread over its endpoints.
 */
public enum LoadBalancing {

    /**
     * Power of two choices: of two endpoints drawn at random, the one with fewer calls in
     * flight.
     */
    LEAST_REQUESTS,

    /** Each endpoint in turn. */
    ROUND_ROBIN

}
