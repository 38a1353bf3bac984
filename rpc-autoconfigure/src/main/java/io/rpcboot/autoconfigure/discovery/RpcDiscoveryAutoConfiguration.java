package io.rpcboot.autoconfigure.discovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.rpcboot.RpcEndpointSource;
import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.autoconfigure.RpcProperties;
import io.rpcboot.internal.client.RpcClientFactory;

/**
 * Endpoints of services without {@code urls} from Spring Cloud's {@link DiscoveryClient},
 * when one is in the context and the application declares no {@link RpcEndpointSource} of
 * its own; looked up again on each of Spring Cloud's {@link HeartbeatEvent}s.
 */
@AutoConfiguration(before = RpcClientAutoConfiguration.class,
        afterName = { "org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration" })
@ConditionalOnClass(DiscoveryClient.class)
public final class RpcDiscoveryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RpcEndpointSource.class)
    @ConditionalOnBean(DiscoveryClient.class)
    @Conditional(OnDiscoveryBackendCondition.class)
    RpcEndpointSource rpcDiscoveryClientEndpointSource(DiscoveryClient discoveryClient, RpcProperties properties) {
        return new DiscoveryClientEndpointSource(discoveryClient, (service) -> {
            RpcProperties.Service configured = properties.getClient().getServices().get(service);
            String serviceId = (configured != null) ? configured.getServiceId() : null;
            return (serviceId != null) ? serviceId : service;
        });
    }

    @Bean
    static ApplicationListener<HeartbeatEvent> rpcDiscoveryHeartbeatListener(ObjectProvider<RpcClientFactory> factory) {
        return (event) -> factory.ifAvailable(RpcClientFactory::refreshEndpoints);
    }

}
