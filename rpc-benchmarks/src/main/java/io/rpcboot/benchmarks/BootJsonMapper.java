package io.rpcboot.benchmarks;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link JsonMapper} that Spring Boot's Jackson auto-configuration builds, the one
 * the rpcboot and Spring MVC applications use, so that the raw Netty baseline and the
 * codec microbenchmarks serialize with the same settings.
 */
public final class BootJsonMapper {

    private BootJsonMapper() {
    }

    /**
     * Builds the mapper as Spring Boot does.
     * @return the mapper
     */
    public static JsonMapper create() {
        try (ConfigurableApplicationContext context = BootApplications.run(JacksonOnly.class,
                WebApplicationType.NONE)) {
            return context.getBean(JsonMapper.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    static class JacksonOnly {

    }

}
