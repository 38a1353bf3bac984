package io.rpcboot.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcEndpointSource;

/**
 * Where a logical service is reached and how long its calls may take.
 *
 * @param name the logical service name
 * @param endpoints the URLs of its endpoints, each host name resolved through DNS to
 * every address it has, or the names of servers in the same JVM (all of them or none);
 * empty when {@code source} gives the endpoints
 * @param source where its endpoints come from when it has no URLs, {@code null} when it
 * has URLs
 * @param timeout the default timeout of its calls
 * @param tls how its connections speak TLS, {@code null} for plaintext; in-process
 * connections never do
 * @param describeMetadata the metadata of the DESCRIBE its contract check sends (the
 * service's credentials), empty for none
 */
public record RemoteServiceConfig(String name, List<EndpointAddress> endpoints, @Nullable RpcEndpointSource source,
        Duration timeout, @Nullable ClientTls tls, Map<String, String> describeMetadata) {

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
        long inProcess = endpoints.stream().filter(EndpointAddress::isInProcess).count();
        if (inProcess > 0 && inProcess < endpoints.size()) {
            throw new IllegalArgumentException("Service '" + name + "' has both in-process and rpc:// URLs " + endpoints
                    + "; a service is called either in the same JVM or over the network");
        }
        endpoints = List.copyOf(endpoints);
        describeMetadata = Map.copyOf(describeMetadata);
    }

    /**
     * Returns this configuration with the metadata of the DESCRIBE its contract check
     * sends.
     * @param metadata the metadata (the service's credentials), empty for none
     * @return the configuration
     */
    public RemoteServiceConfig withDescribeMetadata(Map<String, String> metadata) {
        return new RemoteServiceConfig(this.name, this.endpoints, this.source, this.timeout, this.tls, metadata);
    }

    /**
     * Returns whether the service is a server in the same JVM, called over in-process
     * channels ({@code in-process:NAME} URLs).
     * @return whether its endpoints are in-process
     */
    public boolean isInProcess() {
        return !this.endpoints.isEmpty() && this.endpoints.get(0).isInProcess();
    }

    /**
     * Creates the configuration of a service reached at URLs.
     * @param name the logical service name
     * @param endpoints the URLs of its endpoints
     * @param timeout the default timeout of its calls
     */
    public RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout) {
        this(name, endpoints, null, timeout, null, Map.of());
    }

    /**
     * Creates the configuration of a service reached at URLs, over TLS when given.
     * @param name the logical service name
     * @param endpoints the URLs of its endpoints
     * @param timeout the default timeout of its calls
     * @param tls how its connections speak TLS, {@code null} for plaintext
     */
    public RemoteServiceConfig(String name, List<EndpointAddress> endpoints, Duration timeout,
            @Nullable ClientTls tls) {
        this(name, endpoints, null, timeout, tls, Map.of());
    }

    /**
     * Creates the configuration of a service whose endpoints come from a source.
     * @param name the logical service name
     * @param source where its endpoints come from
     * @param timeout the default timeout of its calls
     */
    public RemoteServiceConfig(String name, RpcEndpointSource source, Duration timeout) {
        this(name, List.of(), source, timeout, null, Map.of());
    }

    /**
     * Creates the configuration of a service whose endpoints come from a source, over TLS
     * when given.
     * @param name the logical service name
     * @param source where its endpoints come from
     * @param timeout the default timeout of its calls
     * @param tls how its connections speak TLS, {@code null} for plaintext
     */
    public RemoteServiceConfig(String name, RpcEndpointSource source, Duration timeout, @Nullable ClientTls tls) {
        this(name, List.of(), source, timeout, tls, Map.of());
    }

}
