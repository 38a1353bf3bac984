package io.rpcboot.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * Builds rpcboot's mappers from the application's {@link JsonMapper}: a copy of it
 * ({@code rebuild()}) with the {@link ConstructorCreatorsModule}, Jackson's Blackbird
 * module (property accessors as generated lambdas rather than method handles and boxed
 * primitives: writing a list of records takes a quarter less time or more) and the
 * {@link RecordReadersModule} (records read without a lookup per property) added, and
 * {@link DeserializationFeature#ACCEPT_FLOAT_AS_INT} turned off (a {@code 3.7} sent for
 * an {@code int} is refused rather than read as {@code 3}), then the RPC-only
 * customizations applied, and the Smile twin of the result. The application's own mapper
 * is left as it is.
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
            .addModule(new BlackbirdModule(RpcMappers::accessorLookup))
            .addModule(new RecordReadersModule())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        customizers.forEach((customizer) -> customizer.accept(builder));
        return builder.build();
    }

    /**
     * Returns the lookup that Blackbird makes the accessors of a type's properties with,
     * or {@code null} to leave the type to Jackson's own accessors: JDK types, and types
     * whose package is not open to rpcboot (a named module that does not open it).
     */
    private static MethodHandles.@Nullable Lookup accessorLookup(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
            return null;
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            MethodHandles.privateLookupIn(type, lookup);
            return lookup;
        }
        catch (IllegalAccessException | SecurityException ex) {
            return null;
        }
    }

}
