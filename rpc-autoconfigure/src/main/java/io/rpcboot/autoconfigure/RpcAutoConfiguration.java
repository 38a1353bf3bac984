package io.rpcboot.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * What the rpcboot server and clients share: the properties and the payload codec, built
 * by {@link PayloadCodec#forApplication} on a copy of the application's
 * {@link JsonMapper} with the {@link RpcJsonMapperBuilderCustomizer}s applied, so that
 * its customizations apply to remote calls, in JSON and in Smile.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadCodec rpcPayloadCodec(ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<RpcJsonMapperBuilderCustomizer> customizers, Environment environment) {
        List<Consumer<JsonMapper.Builder>> rpcCustomizers = customizers
            .orderedStream().<Consumer<JsonMapper.Builder>>map((customizer) -> customizer::customize).toList();
        return PayloadCodec.forApplication(jsonMapper.getIfAvailable(JsonMapper::new), rpcCustomizers,
                Threading.VIRTUAL.isActive(environment));
    }

}
