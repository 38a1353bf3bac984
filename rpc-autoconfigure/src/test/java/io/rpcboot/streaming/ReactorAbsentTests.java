package io.rpcboot.streaming;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reactor-core is optional: without it (and without Reactive Streams), an application
 * whose interfaces use no Reactor type serves and calls as it always did, and one whose
 * interface streams fails start-up naming the dependency to add. Each scenario runs in a
 * class loader that sees the test's class path minus those two jars, so nothing can load
 * a Reactor class by accident.
 */
class ReactorAbsentTests {

    @Test
    void unaryCallsWorkWithoutReactor() throws Exception {
        assertThat(runWithoutReactor(NonReactiveScenario.class.getName())).isEqualTo("echo: hello");
    }

    @Test
    void streamingInterfaceWithoutReactorFailsStartUpNamingTheDependency() throws Exception {
        assertThat(runWithoutReactor(ReactiveWithoutReactorScenario.class.getName()))
            .contains(ReactiveWithoutReactorScenario.Quotes.class.getName())
            .contains("io.projectreactor:reactor-core");
    }

    private static String runWithoutReactor(String scenario) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutReactor(),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("reactor/core/publisher/Flux.class")).isNull();
            assertThat(loader.getResource("org/reactivestreams/Publisher.class")).isNull();
            Thread.currentThread().setContextClassLoader(loader);
            @SuppressWarnings("unchecked")
            Callable<String> callable = (Callable<String>) loader.loadClass(scenario)
                .getDeclaredConstructor()
                .newInstance();
            return callable.call();
        }
        finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL[] classPathWithoutReactor() throws MalformedURLException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (entry.isEmpty() || name.startsWith("reactor-") || name.startsWith("reactive-streams")) {
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }

}
