package io.rpcboot.benchmarks.mvc.client;

import java.net.http.HttpClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.service.registry.ImportHttpServices;

import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * The Spring MVC caller: a Spring Boot application (no web server) with an HTTP interface
 * client registered by {@code @ImportHttpServices} and configured by Spring Boot
 * ({@code spring.http.serviceclient.bench.base-url}). Its RestClient runs on the JDK's
 * HttpClient, the client Spring Boot picks when no other is on the class path; the one
 * change is HTTP/1.1 (the JDK client would otherwise offer Tomcat an h2c upgrade on each
 * new connection, which Tomcat declines). The JDK client keeps idle connections to a host
 * open and reuses them, without a limit, so every caller thread ends up with a connection
 * of its own.
 */
@SpringBootApplication
@ImportHttpServices(group = "bench", types = BenchHttpClient.class)
public class MvcClientApplication {

    @Bean
    ClientHttpRequestFactoryBuilder<?> httpRequestFactoryBuilder() {
        return ClientHttpRequestFactoryBuilder.jdk()
            .withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1));
    }

    /**
     * Starts the application, calling the server on the given port of 127.0.0.1.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connect(int port) {
        ConfigurableApplicationContext context = BootApplications.run(MvcClientApplication.class,
                WebApplicationType.NONE, "spring.http.serviceclient.bench.base-url=http://127.0.0.1:" + port);
        BenchHttpClient client = context.getBean(BenchHttpClient.class);
        return new StackClient() {

            @Override
            public boolean echo(long id) {
                Item sent = Workload.item(id);
                return sent.equals(client.echo(sent));
            }

            @Override
            public boolean list(int n) {
                return Workload.isList(client.list(n), n);
            }

            @Override
            public void close() {
                context.close();
            }

        };
    }

}
