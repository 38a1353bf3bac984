package io.rpcboot.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcEndpointSource;
import io.rpcboot.internal.client.ClientOptions;
import io.rpcboot.internal.client.EndpointBackoff;
import io.rpcboot.internal.client.EndpointOptions;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * Proxy beans for {@code @RpcClient} interfaces, and the factory that connects them.
 */
@AutoConfiguration(after = RpcAutoConfiguration.class)
@Import(RpcClientBeanRegistrar.class)
public final class RpcClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RpcClientFactory rpcClientFactory(PayloadCodec codec, RpcProperties properties,
            ObjectProvider<RpcClientInterceptor> interceptors) {
        RpcProperties.Client client = properties.getClient();
        return new RpcClientFactory(codec,
                new ClientOptions((int) client.getMaxMessageSize().toBytes(), client.getConnectTimeout(),
                        client.getKeepalive().getInterval(), client.getKeepalive().getTimeout(),
                        payloadFormat(client.getPayloadFormat())),
                interceptors.orderedStream().toList(), endpointOptions(client));
    }

    private static EndpointOptions endpointOptions(RpcProperties.Client client) {
        Duration interval = client.getResolveInterval();
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("rpc.client.resolve-interval must be positive, not " + interval);
        }
        return new EndpointOptions(interval, EndpointBackoff.DEFAULT, null);
    }

    private static PayloadFormat payloadFormat(RpcProperties.Client.PayloadFormat format) {
        return switch (format) {
            case SMILE -> PayloadFormat.SMILE;
            case JSON -> PayloadFormat.JSON;
        };
    }

    @Bean
    RpcClientProxies rpcClientProxies(RpcClientFactory factory, RpcProperties properties,
            ObjectProvider<RpcEndpointSource> endpointSource) {
        return new RpcClientProxies(factory, properties.getClient(), endpointSource);
    }

    @Bean
    static RpcClientStartupCheck rpcClientStartupCheck(ConfigurableListableBeanFactory beanFactory) {
        return new RpcClientStartupCheck(beanFactory);
    }

}
