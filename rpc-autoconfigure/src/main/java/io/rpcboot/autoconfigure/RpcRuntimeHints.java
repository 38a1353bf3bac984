package io.rpcboot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.MethodContract;
import io.rpcboot.internal.contract.ParameterContract;
import io.rpcboot.internal.contract.Schema;
import io.rpcboot.internal.contract.ServiceContract;

/**
 * The runtime hints of rpcboot's own internals, for a native image: the field that the
 * server's calls update through a {@code VarHandle}, and the records of a service
 * contract, which Jackson writes (a server's description) and reads (a client's contract
 * check). The starter reads no resources; the hints of the application's service
 * interfaces come from {@link RpcInterfacesAotProcessor}.
 */
final class RpcRuntimeHints implements RuntimeHintsRegistrar {

    static final TypeReference SERVER_INVOCATION = TypeReference.of("io.rpcboot.internal.server.ServerInvocation");

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.reflection().registerType(SERVER_INVOCATION, (type) -> type.withField("state"));
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), Contract.class,
                ServiceContract.class, MethodContract.class, ParameterContract.class, Schema.class);
    }

}
