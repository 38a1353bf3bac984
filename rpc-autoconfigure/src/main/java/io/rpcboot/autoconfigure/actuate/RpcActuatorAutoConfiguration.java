package io.rpcboot.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.autoconfigure.RpcClientAutoConfiguration;
import io.rpcboot.autoconfigure.RpcServerAutoConfiguration;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.server.ServerHolder;

/**
 * The {@code rpc} Actuator endpoint and health contributor, when Actuator is on the
 * classpath.
 */
@AutoConfiguration(after = { RpcServerAutoConfiguration.class, RpcClientAutoConfiguration.class })
public final class RpcActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(RpcEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RpcEndpoint rpcEndpoint(ObjectProvider<ServerHolder> server, ObjectProvider<RpcClientFactory> clients) {
            return new RpcEndpoint(server, clients);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("rpc")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "rpcHealthIndicator")
        RpcHealthIndicator rpcHealthIndicator(ObjectProvider<ServerHolder> server,
                ObjectProvider<RpcClientFactory> clients) {
            return new RpcHealthIndicator(server, clients);
        }

    }

}
