package io.rpcboot.support;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real applications for tests: a server that exports its {@code @RpcService} beans
 * on a free port of the loopback interface, and clients pointed at it.
 */
public final class RpcApplications {

    private RpcApplications() {
    }

    /**
     * Starts an application whose rpcboot server listens on a free loopback port.
     * @param configuration the application's configuration classes
     * @param properties extra properties, {@code key=value}
     * @return the running context
     */
    public static ConfigurableApplicationContext server(Class<?>[] configuration, String... properties) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
            .properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

    /**
     * Returns the port a running server listens on.
     * @param server the server's context
     * @return the port
     */
    public static int port(ConfigurableApplicationContext server) {
        return server.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
    }

    /**
     * Starts an application whose clients of the named service call the given server.
     * @param server the server's context
     * @param service the service name used in {@code @RpcClient(name = ...)}
     * @param configuration the application's configuration classes
     * @param properties extra properties, {@code key=value}
     * @return the running context
     */
    public static ConfigurableApplicationContext client(ConfigurableApplicationContext server, String service,
            Class<?>[] configuration, String... properties) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
            .properties("rpc.client.services." + service + ".urls=rpc://127.0.0.1:" + port(server),
                    "spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

}
