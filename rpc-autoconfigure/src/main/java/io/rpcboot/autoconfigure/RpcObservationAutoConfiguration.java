package io.rpcboot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.rpcboot.observation.ObservationClientInterceptor;
import io.rpcboot.observation.ObservationServerInterceptor;
import io.rpcboot.observation.RpcClientObservationConvention;
import io.rpcboot.observation.RpcServerObservationConvention;

/**
 * Observations of rpcboot calls through the application's {@link ObservationRegistry}:
 * Spring Boot turns them into {@code rpc.server.requests} and {@code rpc.client.requests}
 * timers and, with a tracer, into spans whose context travels in the request metadata.
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "rpc.observation.enabled", matchIfMissing = true)
public final class RpcObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationServerInterceptor rpcObservationServerInterceptor(ObservationRegistry registry,
            ObjectProvider<RpcServerObservationConvention> convention) {
        return new ObservationServerInterceptor(registry, convention.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationClientInterceptor rpcObservationClientInterceptor(ObservationRegistry registry,
            ObjectProvider<RpcClientObservationConvention> convention) {
        return new ObservationClientInterceptor(registry, convention.getIfUnique());
    }

}
