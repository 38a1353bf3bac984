package io.rpcboot.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.MethodContract;
import io.rpcboot.internal.contract.ParameterContract;
import io.rpcboot.internal.contract.Schema;
import io.rpcboot.internal.contract.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection;

/**
 * The hints of rpcboot's own internals in a native image: the records of a contract,
 * which Jackson writes (a server's DESCRIPTION) and reads (the client's run-time contract
 * check).
 */
class RpcRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    RpcRuntimeHintsTests() {
        new RpcRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void contractRecordsCanBeWrittenAndReadByJackson() throws Exception {
        for (Class<?> type : List.of(Contract.class, ServiceContract.class, MethodContract.class,
                ParameterContract.class, Schema.class)) {
            assertThat(reflection().onType(type)).as(type.getName()).accepts(this.hints);
            assertThat(reflection().onConstructorInvocation(type.getDeclaredConstructors()[0])).as(type.getName())
                .accepts(this.hints);
            for (var component : type.getRecordComponents()) {
                assertThat(reflection().onMethodInvocation(component.getAccessor()))
                    .as(type.getName() + "." + component.getName())
                    .accepts(this.hints);
            }
        }
    }

    @Test
    void serverInvocationStateField() throws Exception {
        assertThat(reflection().onFieldAccess("io.rpcboot.internal.server.ServerInvocation", "state"))
            .accepts(this.hints);
    }

}
