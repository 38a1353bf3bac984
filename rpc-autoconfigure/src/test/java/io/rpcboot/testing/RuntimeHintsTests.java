package io.rpcboot.testing;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;

import io.rpcboot.testing.Catalog.Category;
import io.rpcboot.testing.Catalog.Item;
import io.rpcboot.testing.Catalog.Price;
import io.rpcboot.testing.Catalog.Query;
import io.rpcboot.testing.Catalog.UnknownItemException;
import io.rpcboot.testing.CatalogApplications.CatalogCaller;
import io.rpcboot.testing.CatalogApplications.CatalogServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.proxies;
import static org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection;

/**
 * The runtime hints that Spring AOT collects for an application with rpcboot: what a
 * native image of it needs, so that the application writes none.
 */
class RuntimeHintsTests {

    @Test
    void clientInterfacesGetJdkProxiesAndTheirMethodsTypes() throws Exception {
        RuntimeHints hints = AotProcessing.process(CatalogCaller.class).getRuntimeHints();
        assertThat(proxies().forInterfaces(Catalog.class)).accepts(hints);
        assertThat(reflection().onMethodInvocation(Catalog.class.getMethod("item", String.class))).accepts(hints);
        assertPayloadTypes(hints);
    }

    @Test
    void exportedInterfacesGetTheirMethodsForInvocationAndTheirTypes() throws Exception {
        RuntimeHints hints = AotProcessing.process(CatalogServer.class).getRuntimeHints();
        assertThat(reflection().onMethodInvocation(Catalog.class.getMethod("item", String.class))).accepts(hints);
        assertThat(reflection().onMethodInvocation(Catalog.class.getMethod("search", Query.class))).accepts(hints);
        assertPayloadTypes(hints);
    }

    @Test
    void rpcbootsOwnInternals() throws Exception {
        RuntimeHints hints = AotProcessing.process(CatalogServer.class).getRuntimeHints();
        assertThat(reflection().onFieldAccess("io.rpcboot.internal.server.ServerInvocation", "state")).accepts(hints);
    }

    private static void assertPayloadTypes(RuntimeHints hints) throws Exception {
        // what Jackson reads and writes: records (with those only reached through a
        // property or a type argument such as CompletableFuture<List<Item>>) and enums
        assertThat(reflection().onConstructorInvocation(Item.class.getDeclaredConstructors()[0])).accepts(hints);
        assertThat(reflection().onMethodInvocation(Item.class, "price")).accepts(hints);
        assertThat(reflection().onMethodInvocation(Price.class, "cents")).accepts(hints);
        assertThat(reflection().onConstructorInvocation(Query.class.getDeclaredConstructors()[0])).accepts(hints);
        assertThat(reflection().onType(Category.class)).accepts(hints);
        // a declared exception is rebuilt on the client with its (String) constructor
        assertThat(reflection().onConstructorInvocation(UnknownItemException.class.getConstructor(String.class)))
            .accepts(hints);
    }

}
