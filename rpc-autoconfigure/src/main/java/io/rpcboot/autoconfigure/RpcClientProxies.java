package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import io.rpcboot.RpcEndpointSource;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;

/**
 * Creates the proxy of an {@code @RpcClient} interface from {@code rpc.client.*}, failing
 * with a message that names the property to set when the configuration is missing or
 * wrong.
 */
final class RpcClientProxies {

    private final RpcClientFactory factory;

    private final RpcProperties.Client properties;

    private final ObjectProvider<RpcEndpointSource> endpointSource;

    RpcClientProxies(RpcClientFactory factory, RpcProperties.Client properties,
            ObjectProvider<RpcEndpointSource> endpointSource) {
        this.factory = factory;
        this.properties = properties;
        this.endpointSource = endpointSource;
    }

    <T> T create(Class<T> clientInterface, String serviceName) {
        String prefix = "rpc.client.services." + serviceName;
        RpcProperties.Service service = this.properties.getServices().get(serviceName);
        Duration timeout = (service != null && service.getTimeout() != null) ? service.getTimeout()
                : this.properties.getTimeout();
        if (service == null || service.getUrls().isEmpty()) {
            RpcEndpointSource source = this.endpointSource.getIfAvailable();
            if (source == null) {
                throw new IllegalStateException("@RpcClient " + clientInterface.getName() + " calls service '"
                        + serviceName + "', which has no endpoint: set " + prefix
                        + ".urls (for example rpc://localhost:9090), or put a Spring Cloud DiscoveryClient"
                        + " in the context");
            }
            return this.factory.createClient(clientInterface, new RemoteServiceConfig(serviceName, source, timeout));
        }
        List<EndpointAddress> endpoints = new ArrayList<>();
        for (String url : service.getUrls()) {
            try {
                endpoints.add(EndpointAddress.parse(url));
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalStateException("Invalid " + prefix + ".urls: " + ex.getMessage(), ex);
            }
        }
        RemoteServiceConfig config = new RemoteServiceConfig(serviceName, endpoints, timeout);
        return this.factory.createClient(clientInterface, config);
    }

}
