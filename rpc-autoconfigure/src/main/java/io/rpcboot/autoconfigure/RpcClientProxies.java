package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import io.rpcboot.RpcEndpointSource;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.LoadBalancing;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.client.ContractCheckMode;
import io.rpcboot.internal.client.ServicePolicy;

/**
 * Creates the proxy of an {@code @RpcClient} interface from {@code rpc.client.*}, failing
 * with a message that names the property to set when the configuration is missing or
 * wrong.
 */
final class RpcClientProxies {

    private final RpcClientFactory factory;

    private final RpcProperties.Client properties;

    private final ObjectProvider<RpcEndpointSource> endpointSource;

    private final RpcClientTls tls;

    private final RpcClientCredentials credentials;

    RpcClientProxies(RpcClientFactory factory, RpcProperties.Client properties,
            ObjectProvider<RpcEndpointSource> endpointSource, RpcClientTls tls, RpcClientCredentials credentials) {
        this.factory = factory;
        this.properties = properties;
        this.endpointSource = endpointSource;
        this.tls = tls;
        this.credentials = credentials;
    }

    <T> T create(Class<T> clientInterface, String serviceName) {
        String prefix = "rpc.client.services." + serviceName;
        RpcProperties.Service service = this.properties.getServices().get(serviceName);
        Duration timeout = (service != null && service.getTimeout() != null) ? service.getTimeout()
                : this.properties.getTimeout();
        this.credentials.register(clientInterface, serviceName);
        if (service == null || service.getUrls().isEmpty()) {
            RpcEndpointSource source = this.endpointSource.getIfAvailable();
            if (source == null) {
                throw new IllegalStateException("@RpcClient " + clientInterface.getName() + " calls service '"
                        + serviceName + "', which has no endpoint: set " + prefix
                        + ".urls (for example rpc://localhost:9090), or put a Spring Cloud DiscoveryClient"
                        + " in the context");
            }
            return this.factory.createClient(clientInterface,
                    new RemoteServiceConfig(serviceName, source, timeout, this.tls.forService(serviceName, service))
                        .withDescribeMetadata(this.credentials.describeMetadata(serviceName)),
                    policy(prefix, service), contractCheck(service));
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
        RemoteServiceConfig config;
        try {
            config = new RemoteServiceConfig(serviceName, endpoints, timeout, this.tls.forService(serviceName, service))
                .withDescribeMetadata(this.credentials.describeMetadata(serviceName));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Invalid " + prefix + ".urls: " + ex.getMessage(), ex);
        }
        return this.factory.createClient(clientInterface, config, policy(prefix, service), contractCheck(service));
    }

    private ContractCheckMode contractCheck(RpcProperties.@Nullable Service service) {
        RpcProperties.Client.ContractCheck check = (service != null && service.getContractCheck() != null)
                ? service.getContractCheck() : this.properties.getContractCheck();
        return switch (check) {
            case WARN -> ContractCheckMode.WARN;
            case FAIL -> ContractCheckMode.FAIL;
            case OFF -> ContractCheckMode.OFF;
        };
    }

    private ServicePolicy policy(String prefix, RpcProperties.@Nullable Service service) {
        RpcProperties.Retry retry = this.properties.getRetry();
        Integer serviceMaxAttempts = (service != null) ? service.getRetry().getMaxAttempts() : null;
        int maxAttempts = (serviceMaxAttempts != null) ? serviceMaxAttempts : retry.getMaxAttempts();
        if (maxAttempts < 1) {
            throw new IllegalStateException("Invalid "
                    + ((serviceMaxAttempts != null) ? prefix + ".retry.max-attempts" : "rpc.client.retry.max-attempts")
                    + ": " + maxAttempts
                    + "; it must be at least 1 (1 retries no call that may have reached a server)");
        }
        RpcProperties.Service.LoadBalancing loadBalancing = (service != null) ? service.getLoadBalancing()
                : RpcProperties.Service.LoadBalancing.LEAST_REQUESTS;
        return new ServicePolicy(loadBalancing(loadBalancing), maxAttempts, retry.getBudget(),
                retry.getMinRetriesPerSecond());
    }

    private static LoadBalancing loadBalancing(RpcProperties.Service.LoadBalancing loadBalancing) {
        return switch (loadBalancing) {
            case LEAST_REQUESTS -> LoadBalancing.LEAST_REQUESTS;
            case ROUND_ROBIN -> LoadBalancing.ROUND_ROBIN;
        };
    }

}
