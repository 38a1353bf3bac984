package io.rpcboot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
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
@AutoConfiguration(after = { RpcAutoConfiguration.class, SslAutoConfiguration.class })
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
                interceptors.orderedStream().toList());
    }

    private static PayloadFormat payloadFormat(RpcProperties.Client.PayloadFormat format) {
        return switch (format) {
            case SMILE -> PayloadFormat.SMILE;
            case JSON -> PayloadFormat.JSON;
        };
    }

    @Bean
    RpcClientProxies rpcClientProxies(RpcClientFactory factory, RpcProperties properties,
            ObjectProvider<SslBundles> sslBundles) {
        return new RpcClientProxies(factory, properties.getClient(),
                new RpcClientTls(properties.getClient(), new RpcSslContexts(sslBundles.getIfAvailable())));
    }

    @Bean
    static RpcClientStartupCheck rpcClientStartupCheck(ConfigurableListableBeanFactory beanFactory) {
        return new RpcClientStartupCheck(beanFactory);
    }

}
