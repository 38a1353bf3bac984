package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcEndpointSource;
import io.rpcboot.internal.client.ClientOptions;
import io.rpcboot.internal.client.EndpointBackoff;
import io.rpcboot.internal.client.EndpointOptions;
import io.rpcboot.internal.client.RetryListener;
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
            ObjectProvider<RpcClientInterceptor> interceptors, ObjectProvider<RetryListener> retryListeners,
            RpcClientCredentials credentials) {
        RpcProperties.Client client = properties.getClient();
        requireValidRetries(client.getRetry());
        List<RetryListener> listeners = retryListeners.orderedStream().toList();
        RetryListener retryListener = (event, call) -> {
            for (RetryListener listener : listeners) {
                listener.attemptFailed(event, call);
            }
        };
        List<RpcClientInterceptor> chain = new ArrayList<>(interceptors.orderedStream().toList());
        if (!credentials.isEmpty()) {
            // innermost: after the application's interceptors
            chain.add(credentials.interceptor());
        }
        return new RpcClientFactory(codec,
                new ClientOptions((int) client.getMaxMessageSize().toBytes(), client.getConnectTimeout(),
                        client.getKeepalive().getInterval(), client.getKeepalive().getTimeout(),
                        payloadFormat(client.getPayloadFormat()))
                    .withStreamWindow(client.getStreamWindow()),
                chain, endpointOptions(client), listeners.isEmpty() ? RetryListener.NONE : retryListener);
    }

    private static EndpointOptions endpointOptions(RpcProperties.Client client) {
        Duration interval = client.getResolveInterval();
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("rpc.client.resolve-interval must be positive, not " + interval);
        }
        return new EndpointOptions(interval, backoff(client.getEjection()), null);
    }

    private static EndpointBackoff backoff(RpcProperties.Ejection ejection) {
        Duration initial = ejection.getInitialBackoff();
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalStateException("Invalid rpc.client.ejection.initial-backoff: " + initial
                    + "; it must be positive (how long an endpoint that failed is left alone)");
        }
        Duration max = ejection.getMaxBackoff();
        if (max.compareTo(initial) < 0) {
            throw new IllegalStateException("Invalid rpc.client.ejection.max-backoff: " + max
                    + "; it must be at least rpc.client.ejection.initial-backoff (" + initial + ")");
        }
        return new EndpointBackoff(initial, max, EndpointBackoff.DEFAULT.jitter());
    }

    private static void requireValidRetries(RpcProperties.Retry retry) {
        if (!(retry.getBudget() >= 0 && retry.getBudget() <= 1)) {
            throw new IllegalStateException("Invalid rpc.client.retry.budget: " + retry.getBudget()
                    + "; it is a ratio of the calls made, from 0 to 1 (0.2 allows retries of 20% of the calls)");
        }
        if (retry.getMaxAttempts() < 1) {
            throw new IllegalStateException("Invalid rpc.client.retry.max-attempts: " + retry.getMaxAttempts()
                    + "; it must be at least 1 (1 retries no call that may have reached a server)");
        }
        if (retry.getMinRetriesPerSecond() < 0) {
            throw new IllegalStateException(
                    "Invalid rpc.client.retry.min-retries-per-second: " + retry.getMinRetriesPerSecond()
                            + "; it must be at least 0 (0 allows only the retries of rpc.client.retry.budget)");
        }
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
            ObjectProvider<RpcEndpointSource> endpointSource, ObjectProvider<SslBundles> sslBundles,
            RpcClientCredentials credentials) {
        return new RpcClientProxies(factory, properties.getClient(), endpointSource,
                new RpcClientTls(properties.getClient(), new RpcSslContexts(sslBundles.getIfAvailable())), credentials);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class RetryMetricsConfiguration {

        @Bean
        RpcRetryMetrics rpcRetryMetrics(ObjectProvider<MeterRegistry> registry) {
            return new RpcRetryMetrics(registry);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Observation.class)
    static class RetryObservationConfiguration {

        @Bean
        RpcRetryObservations rpcRetryObservations() {
            return new RpcRetryObservations();
        }

    }

    @Bean
    static RpcClientStartupCheck rpcClientStartupCheck(ConfigurableListableBeanFactory beanFactory) {
        return new RpcClientStartupCheck(beanFactory);
    }

}
