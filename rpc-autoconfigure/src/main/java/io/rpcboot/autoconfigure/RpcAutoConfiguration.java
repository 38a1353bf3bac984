package io.rpcboot.autoconfigure;

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
 * application's {@link JsonMapper} so that its customizations apply to remote calls.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadCodec rpcPayloadCodec(ObjectProvider<JsonMapper> jsonMapper) {
        return new PayloadCodec(jsonMapper.getIfAvailable(JsonMapper::new));
    }

}
