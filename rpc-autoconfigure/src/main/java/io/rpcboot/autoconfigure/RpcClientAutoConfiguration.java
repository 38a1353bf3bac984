package io.rpcboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.internal.client.ClientOptions;
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
            ObjectProvider<RpcClientInterceptor> interceptors, RpcClientCredentials credentials) {
        RpcProperties.Client client = properties.getClient();
        List<RpcClientInterceptor> chain = new ArrayList<>(interceptors.orderedStream().toList());
        if (!credentials.isEmpty()) {
            chain.add(credentials.interceptor()); // innermost: after the application's
                                                  // interceptors
        }
        return new RpcClientFactory(codec,
                new ClientOptions((int) client.getMaxMessageSize().toBytes(), client.getConnectTimeout(),
                        client.getKeepalive().getInterval(), client.getKeepalive().getTimeout(),
                        payloadFormat(client.getPayloadFormat())),
                chain);
    }

    private static PayloadFormat payloadFormat(RpcProperties.Client.PayloadFormat format) {
        return switch (format) {
            case SMILE -> PayloadFormat.SMILE;
            case JSON -> PayloadFormat.JSON;
        };
    }

    @Bean
    RpcClientCredentials rpcClientCredentials(RpcProperties properties) {
        return RpcClientCredentials.of(properties.getClient());
    }

    @Bean
    RpcClientProxies rpcClientProxies(RpcClientFactory factory, RpcProperties properties,
            RpcClientCredentials credentials) {
        return new RpcClientProxies(factory, properties.getClient(), credentials);
    }

    @Bean
    static RpcClientStartupCheck rpcClientStartupCheck(ConfigurableListableBeanFactory beanFactory) {
        return new RpcClientStartupCheck(beanFactory);
    }

}
