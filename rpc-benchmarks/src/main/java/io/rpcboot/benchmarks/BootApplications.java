package io.rpcboot.benchmarks;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the benchmark's Spring Boot applications. Every stack's classes share one class
 * path, so each application names its web type and gets its settings here rather than
 * from an {@code application.properties} that all of them would read.
 */
public final class BootApplications {

    private static final String[] QUIET = { "spring.main.banner-mode=off", "spring.main.log-startup-info=false",
            "logging.level.root=warn" };

    private BootApplications() {
    }

    /**
     * Starts an application.
     * @param application the {@code @SpringBootApplication} class
     * @param webType servlet for the Spring MVC server, none for everything else
     * @param properties the application's properties, {@code key=value}
     * @return the running context
     */
    public static ConfigurableApplicationContext run(Class<?> application, WebApplicationType webType,
            String... properties) {
        return new SpringApplicationBuilder(application).web(webType).properties(QUIET).properties(properties).run();
    }

}
