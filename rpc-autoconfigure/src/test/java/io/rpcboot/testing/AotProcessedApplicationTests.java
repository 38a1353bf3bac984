package io.rpcboot.testing;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.util.function.ThrowingConsumer;

import io.rpcboot.support.RpcApplications;
import io.rpcboot.testing.Catalog.Category;
import io.rpcboot.testing.Catalog.Query;
import io.rpcboot.testing.Catalog.UnknownItemException;
import io.rpcboot.testing.CatalogApplications.CatalogCaller;
import io.rpcboot.testing.CatalogApplications.CatalogServer;
import io.rpcboot.testing.CatalogApplications.InternalCatalogCaller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application processed by Spring AOT, its generated code compiled and run as
 * {@code spring.aot.enabled=true} runs it: no configuration class is parsed and no
 * package is scanned at start-up, the client proxies come from generated code.
 */
@CompileWithForkedClassLoader
class AotProcessedApplicationTests {

    @Test
    void callsThroughTheClientProxyOfTheGeneratedCode() {
        try (ConfigurableApplicationContext server = RpcApplications.server(new Class<?>[] { CatalogServer.class })) {
            String urls = "rpc.client.services.catalog.urls=rpc://127.0.0.1:" + RpcApplications.port(server);
            runAotProcessed(CatalogCaller.class, urls, (caller) -> {
                Catalog catalog = caller.getBean(Catalog.class);
                assertThat(Proxy.isProxyClass(catalog.getClass())).isTrue();
                assertThat(catalog.item("sku-1")).isEqualTo(CatalogService.BOOK);
                assertThatExceptionOfType(UnknownItemException.class).isThrownBy(() -> catalog.item("sku-2"))
                    .withMessage("no item sku-2");
                assertThat(catalog.search(new Query("dune", List.of(Category.BOOKS))).get(10, TimeUnit.SECONDS))
                    .containsExactly(CatalogService.BOOK);
            });
        }
    }

    @Test
    void aClientInterfaceThatIsNotPublicIsNamedInTheGeneratedCode() {
        // the proxy connects on its first call: an address where nothing listens will do
        runAotProcessed(InternalCatalogCaller.class, "rpc.client.services.catalog.urls=rpc://127.0.0.1:1",
                (caller) -> assertThat(Proxy.isProxyClass(caller.getBean(InternalCatalog.class).getClass())).isTrue());
    }

    @Test
    void aClientWithoutUrlsStillFailsTheStartUpNamingTheProperty() {
        TestCompiler.forSystem().with(AotProcessing.process(CatalogCaller.class)).compile((compiled) -> {
            try (GenericApplicationContext caller = new GenericApplicationContext()) {
                initializer(compiled).initialize(caller);
                assertThatException().isThrownBy(caller::refresh)
                    .havingRootCause()
                    .withMessageContaining(Catalog.class.getName())
                    .withMessageContaining("rpc.client.services.catalog.urls");
            }
        });
    }

    private static void runAotProcessed(Class<?> application, String property,
            ThrowingConsumer<GenericApplicationContext> calls) {
        TestCompiler.forSystem().with(AotProcessing.process(application)).compile((compiled) -> {
            try (GenericApplicationContext context = new GenericApplicationContext()) {
                TestPropertyValues.of(property).applyTo(context);
                initializer(compiled).initialize(context);
                context.refresh();
                calls.accept(context);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ApplicationContextInitializer<GenericApplicationContext> initializer(
            org.springframework.core.test.tools.Compiled compiled) {
        return compiled.getInstance(ApplicationContextInitializer.class);
    }

}
