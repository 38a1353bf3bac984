package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcEndpointSource;

/**
 * Where a logical service is reached and how long its calls may take.
 *
 * @param name the logical service name
 * @param endpoints the URLs of its endpoints, each host name resolved through DNS to
 * every address it has; empty when {@code source} gives the endpoints
 * @param source where its endpoints come from when it has no URLs, {@code null} when it
 * has URLs
 * @param timeout the default timeout of its calls
 */
public record RemoteServiceConfig(String name, List<EndpointAddress> endpoints, @Nullable RpcEndpointSource source,
        Duration timeout) {

    /**
     * Validates the configuration.
     */
    public RemoteServiceConfig {
        if (endpoints.isEmpty() && source == null) {
            throw new IllegalArgumentException("Service '" + name + "' has no endpoints");
        }
        if (!endpoints.isEmpty() && source != null) {
            throw new IllegalArgumentException("Service '" + name + "' has both URLs and an endpoint source");
        }
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Creates the configuration of a service reached at URLs.
     * @param name the logical service name
     * @param endpoints the URLs of its endpoints
     * @param timeout the default timeout of its calls
     */
    public RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout) {
        this(name, endpoints, null, timeout);
    }

    /**
     * Creates the configuration of a service whose endpoints come from a source.
     * @param name the logical service name
     * @param source where its endpoints come from
     * @param timeout the default timeout of its calls
     */
    public RemoteServiceConfig(String name, RpcEndpointSource source, Duration timeout) {
        this(name, List.of(), source, timeout);
    }

}
