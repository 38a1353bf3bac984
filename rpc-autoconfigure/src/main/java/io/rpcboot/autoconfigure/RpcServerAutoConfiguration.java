package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.internal.server.http.HttpAuthentication;
import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * The rpcboot server: exports {@code @RpcService} beans when there are any and
 * {@code rpc.server.enabled} is not false.
 */
@AutoConfiguration(after = { RpcAutoConfiguration.class, SslAutoConfiguration.class })
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
    RpcServerFactory rpcServerFactory(RpcProperties properties, PayloadCodec codec, Environment environment,
            ObjectProvider<RpcServerInterceptor> interceptors, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<HttpAuthentication> httpAuthentication) {
        RpcProperties.Server server = properties.getServer();
        return new RpcServerFactory(ServerOptionsMapper.map(server, new RpcSslContexts(sslBundles.getIfAvailable())),
                codec, callExecutor(environment), interceptors.orderedStream().toList(), server.getHttp().isEnabled(),
                httpAuthentication.getIfUnique());
    }

    private static @Nullable Executor callExecutor(Environment environment) {
        if (Threading.VIRTUAL.isActive(environment)) {
            SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("rpc-server-call-");
            executor.setVirtualThreads(true);
            return executor;
        }
        return null;
    }

    @Bean
    @ConditionalOnMissingBean
    RpcServerLifecycle rpcServerLifecycle(RpcServerFactory factory, RpcServiceDiscoverer discoverer,
            Environment environment, ApplicationContext context) {
        Duration gracePeriod = Binder.get(environment)
            .bind(SHUTDOWN_TIMEOUT_PROPERTY, Duration.class)
            .orElse(Duration.ofSeconds(30));
        return new RpcServerLifecycle(factory, discoverer, context, gracePeriod);
    }

    @Bean
    RpcServerPortInfoListener rpcServerPortInfoListener(ApplicationContext context) {
        return new RpcServerPortInfoListener(context);
    }

}
