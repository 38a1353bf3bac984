package io.rpcboot.benchmarks.mvc.server;

import java.util.Objects;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.RunningServer;

/**
 * The Spring MVC server on Tomcat, Spring Boot's defaults except one: Tomcat keeps a
 * connection open for any number of requests
 * ({@code server.tomcat.max-keep-alive-requests=-1}; its default closes a connection
 * after 100), so that the benchmark measures calls, not TCP handshakes.
 */
@SpringBootApplication
public class MvcServerApplication {

    /**
     * Starts the application on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        ConfigurableApplicationContext context = BootApplications.run(MvcServerApplication.class,
                WebApplicationType.SERVLET, "server.address=127.0.0.1", "server.port=0",
                "server.tomcat.max-keep-alive-requests=-1");
        // a started servlet application has its web server
        int port = Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer()).getPort();
        return new RunningServer(port, context::close);
    }

}
