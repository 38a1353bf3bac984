package io.rpcboot.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * The rpcboot server: exports {@code @RpcService} beans when there are any and
 * {@code rpc.server.enabled} is not false.
 */
@AutoConfiguration(after = RpcAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "rpc.server.enabled", matchIfMissing = true)
public final class RpcServerAutoConfiguration {

    private static final String SHUTDOWN_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

    @Bean
    @ConditionalOnMissingBean
    RpcServiceDiscoverer rpcServiceDiscoverer(ApplicationContext context) {
        return new AnnotatedRpcServiceDiscoverer(context);
    }

    @Bean
    @ConditionalOnMissingBean
    RpcServerLifecycle rpcServerLifecycle(RpcProperties properties, RpcServiceDiscoverer discoverer,
            PayloadCodec codec, ConfigurableEnvironment environment, ApplicationContext context,
            ObjectProvider<RpcServerInterceptor> interceptors) {
        Duration gracePeriod = Binder.get(environment)
            .bind(SHUTDOWN_TIMEOUT_PROPERTY, Duration.class)
            .orElse(Duration.ofSeconds(30));
        return new RpcServerLifecycle(properties.getServer(), discoverer, codec, environment, context, gracePeriod,
                interceptors.orderedStream().toList());
    }

}
