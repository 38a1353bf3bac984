package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a logical service is reached and how long its calls may take.
 *
 * @param name the logical service name
 * @param endpoints the endpoints that serve it
 * @param timeout the default timeout of its calls
 * @param tls how its connections speak TLS, {@code null} for plaintext
 */
public record RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout,
        @Nullable ClientTls tls) {

    /**
     * Creates the configuration of a service reached in plaintext.
     * @param name the logical service name
     * @param endpoints the endpoints that serve it
     * @param timeout the default timeout of its calls
     */
    public RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout) {
        this(name, endpoints, timeout, null);
    }

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
