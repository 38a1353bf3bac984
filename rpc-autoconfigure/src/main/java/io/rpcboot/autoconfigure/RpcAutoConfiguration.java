package io.rpcboot.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.protocol.ConstructorCreatorsModule;
import io.rpcboot.protocol.PayloadCodec;
import io.rpcboot.protocol.SmileMappers;

/**
 * What the rpcboot server and clients share: the properties and the payload codec, built on a copy of
 * the application's {@link JsonMapper} (with the {@link ConstructorCreatorsModule} and the
 * {@link RpcJsonMapperBuilderCustomizer}s added) so that its customizations apply to remote calls, in
 * JSON and in Smile. The Smile mapper keeps buffers per
 * thread, or in a shared pool when virtual threads are enabled.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(RpcProperties.class)
public final class RpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadCodec rpcPayloadCodec(ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<RpcJsonMapperBuilderCustomizer> customizers, Environment environment) {
        JsonMapper rpcMapper = rpcMapper(jsonMapper.getIfAvailable(JsonMapper::new),
                customizers.orderedStream().toList());
        ObjectMapper smileMapper = Threading.VIRTUAL.isActive(environment)
                ? SmileMappers.twinOf(rpcMapper, JsonRecyclerPools.newConcurrentDequePool())
                : SmileMappers.twinOf(rpcMapper);
        return new PayloadCodec(rpcMapper, smileMapper);
    }

    private static JsonMapper rpcMapper(JsonMapper applicationMapper,
            List<RpcJsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = applicationMapper.rebuild().addModule(new ConstructorCreatorsModule());
        customizers.forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

}
