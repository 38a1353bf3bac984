package io.rpcboot.autoconfigure;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.rpcboot.RpcCall;
import io.rpcboot.observation.ObservationClientInterceptor;
import io.rpcboot.observation.ObservationServerInterceptor;
import io.rpcboot.observation.RpcServerObservationContext;
import io.rpcboot.observation.RpcServerObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

class RpcObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RpcObservationAutoConfiguration.class));

    @Test
    void interceptorsAreRegisteredWithAnObservationRegistry() {
        this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
            assertThat(context).hasSingleBean(ObservationServerInterceptor.class);
            assertThat(context).hasSingleBean(ObservationClientInterceptor.class);
        });
    }

    @Test
    void nothingWithoutAnObservationRegistry() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(ObservationServerInterceptor.class));
    }

    @Test
    void nothingWithoutMicrometer() {
        this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ObservationServerInterceptor.class));
    }

    @Test
    void canBeDisabled() {
        this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withPropertyValues("rpc.observation.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ObservationClientInterceptor.class));
    }

    @Test
    void userConventionReplacesTheDefault() throws Throwable {
        TestObservationRegistry registry = TestObservationRegistry.create();
        this.runner.withBean(ObservationRegistry.class, () -> registry)
            .withBean(RpcServerObservationConvention.class, CustomConvention::new)
            .run((context) -> {
                RpcCall call = new RpcCall(RpcCall.Side.SERVER, "com.example.Svc", Object.class.getMethod("toString"),
                        java.util.Map.of(), new java.util.HashMap<>(), null) {
                };
                context.getBean(ObservationServerInterceptor.class).intercept(call, () -> "done");
                io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("custom.rpc")
                    .that()
                    .hasLowCardinalityKeyValue("team", "payments");
            });
    }

    static class CustomConvention implements RpcServerObservationConvention {

        @Override
        public String getName() {
            return "custom.rpc";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(RpcServerObservationContext context) {
            return KeyValues.of("team", "payments");
        }

    }

}
