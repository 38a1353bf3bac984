package io.rpcboot.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractJson;
import io.rpcboot.internal.protocol.PayloadCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server describes each service once: later DESCRIBEs of the same services get the
 * same answer without describing anything again; services it does not export are left
 * out.
 */
class ServiceDescriptionsTests {

    private final PayloadCodec codec = new PayloadCodec(new JsonMapper());

    private final ServiceRegistry registry = new ServiceRegistry(
            Map.of(Greeter.class, (Greeter) (name) -> name, Counter.class, (Counter) () -> 1), this.codec);

    @Test
    void answersOfTheSameServicesAreMadeOnce() {
        byte[] first = this.registry.descriptions().describe(List.of(Greeter.class.getName(), Counter.class.getName()));
        byte[] again = this.registry.descriptions().describe(List.of(Counter.class.getName(), Greeter.class.getName()));
        assertThat(again).isSameAs(first);
        Contract contract = ContractJson.read(new String(first, StandardCharsets.UTF_8));
        assertThat(contract.services()).containsOnlyKeys(Greeter.class.getName(), Counter.class.getName());
    }

    @Test
    void servicesTheServerDoesNotExportAreLeftOut() {
        byte[] answer = this.registry.descriptions().describe(List.of("com.example.Missing", Greeter.class.getName()));
        Contract contract = ContractJson.read(new String(answer, StandardCharsets.UTF_8));
        assertThat(contract.services()).containsOnlyKeys(Greeter.class.getName());
        assertThat(contract.services().get(Greeter.class.getName()).methods())
            .containsOnlyKeys("greet(java.lang.String)");
    }

    /** A service. */
    public interface Greeter {

        String greet(String name);

    }

    /** Another service. */
    public interface Counter {

        int count();

    }

}
