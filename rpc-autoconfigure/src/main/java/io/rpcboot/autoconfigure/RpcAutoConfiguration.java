package io.rpcboot.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.protocol.PayloadCodec;

/**
 * What the rpcboot server and clients share: the properties and the payload codec, built on the
 * application's {@link JsonMapper} (with the {@link RpcJsonMapperBuilderCustomizer}s applied) so that
 * its customizations apply to remote calls, in JSON and in Smile.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadCodec rpcPayloadCodec(ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<RpcJsonMapperBuilderCustomizer> customizers) {
        JsonMapper applicationMapper = jsonMapper.getIfAvailable(JsonMapper::new);
        List<RpcJsonMapperBuilderCustomizer> rpcCustomizers = customizers.orderedStream().toList();
        if (rpcCustomizers.isEmpty()) {
            return new PayloadCodec(applicationMapper);
        }
        JsonMapper.Builder builder = applicationMapper.rebuild();
        rpcCustomizers.forEach((customizer) -> customizer.customize(builder));
        return new PayloadCodec(builder.build());
    }

}
