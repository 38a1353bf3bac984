package io.rpcboot.autoconfigure.discovery;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import io.rpcboot.RpcEndpointSource;

/**
 * The endpoints of a service as a Spring Cloud {@link DiscoveryClient} knows them: one
 * per instance of its service id, at the instance's host and the port in its metadata
 * {@value #RPC_PORT}, else the instance's port.
 */
final class DiscoveryClientEndpointSource implements RpcEndpointSource {

    /** The instance metadata key of the RPC port. */
    static final String RPC_PORT = "rpc.port";

    private static final Logger logger = LoggerFactory.getLogger(DiscoveryClientEndpointSource.class);

    private final DiscoveryClient discoveryClient;

    private final Function<String, String> serviceIds;

    /**
     * Creates a source.
     * @param discoveryClient the discovery client
     * @param serviceIds the service id of each service name
     */
    DiscoveryClientEndpointSource(DiscoveryClient discoveryClient, Function<String, String> serviceIds) {
        this.discoveryClient = discoveryClient;
        this.serviceIds = serviceIds;
    }

    @Override
    public CompletionStage<List<InetSocketAddress>> endpoints(String service) {
        String serviceId = this.serviceIds.apply(service);
        try {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (ServiceInstance instance : this.discoveryClient.getInstances(serviceId)) {
                InetSocketAddress address = address(serviceId, instance);
                if (address != null) {
                    addresses.add(address);
                }
            }
            return CompletableFuture.completedFuture(addresses);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(new IllegalStateException(this.discoveryClient.description()
                    + " failed to list the instances of '" + serviceId + "': " + ex.getMessage(), ex));
        }
    }

    @Override
    public String toString() {
        return "the DiscoveryClient (" + this.discoveryClient.description() + ")";
    }

    private static @Nullable InetSocketAddress address(String serviceId, ServiceInstance instance) {
        Map<String, String> metadata = instance.getMetadata();
        String rpcPort = (metadata != null) ? metadata.get(RPC_PORT) : null;
        int port = instance.getPort();
        if (rpcPort != null) {
            try {
                port = Integer.parseInt(rpcPort.trim());
            }
            catch (NumberFormatException ex) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            logger.warn("Ignoring instance {} of '{}': its {} port is not a port ({})", instance.getInstanceId(),
                    serviceId, (rpcPort != null) ? "'" + RPC_PORT + "' metadata" : "",
                    (rpcPort != null) ? rpcPort : instance.getPort());
            return null;
        }
        // a host name is resolved here, on the lookup thread; an unresolved one is
        // resolved again by each connection attempt
        return new InetSocketAddress(instance.getHost(), port);
    }

}
