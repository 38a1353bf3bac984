package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.List;

/**
 * Where a logical service is reached and how long its calls may take.
 *
 * @param name the logical service name
 * @param endpoints the endpoints that serve it
 * @param timeout the default timeout of its calls
 */
public record RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout) {

    /**
     * Validates the configuration.
     */
    public RemoteServiceConfig {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("Service '" + name + "' has no endpoints");
        }
        endpoints = List.copyOf(endpoints);
    }

}
