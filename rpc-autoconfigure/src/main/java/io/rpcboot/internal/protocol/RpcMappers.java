package io.rpcboot.internal.protocol;

import java.util.List;
import java.util.function.Consumer;

import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds rpcboot's mappers from the application's {@link JsonMapper}: a copy of it
 * ({@code rebuild()}) with the {@link ConstructorCreatorsModule} added and
 * {@link DeserializationFeature#ACCEPT_FLOAT_AS_INT} turned off (a {@code 3.7} sent for
 * an {@code int} is refused rather than read as {@code 3}), then the RPC-only
 * customizations applied, and the Smile twin of the result.
 */
final class RpcMappers {

    private RpcMappers() {
    }

    static PayloadCodec codecFor(JsonMapper applicationMapper, List<? extends Consumer<JsonMapper.Builder>> customizers,
            boolean virtualThreads) {
        JsonMapper json = json(applicationMapper, customizers);
        // per-thread buffers would be allocated afresh for every call on virtual threads
        ObjectMapper smile = virtualThreads ? SmileMappers.twinOf(json, JsonRecyclerPools.newConcurrentDequePool())
                : SmileMappers.twinOf(json);
        return new PayloadCodec(json, smile);
    }

    private static JsonMapper json(JsonMapper applicationMapper,
            List<? extends Consumer<JsonMapper.Builder>> customizers) {
        JsonMapper.Builder builder = applicationMapper.rebuild()
            .addModule(new ConstructorCreatorsModule())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        customizers.forEach((customizer) -> customizer.accept(builder));
        return builder.build();
    }

}
