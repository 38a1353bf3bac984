package io.rpcboot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The runtime hints of rpcboot's own internals, for a native image: the field that the
 * server's calls update through a {@code VarHandle}. The starter reads no resources; the
 * hints of the application's service interfaces come from
 * {@link RpcInterfacesAotProcessor}.
 */
final class RpcRuntimeHints implements RuntimeHintsRegistrar {

    static final TypeReference SERVER_INVOCATION = TypeReference.of("io.rpcboot.internal.server.ServerInvocation");

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.reflection().registerType(SERVER_INVOCATION, (type) -> type.withField("state"));
    }

}
