package io.rpcboot.benchmarks.rpcboot.server;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.RunningServer;

/**
 * The rpcboot server: a Spring Boot application with one {@code @RpcService}, every
 * rpcboot setting at its default but the address and port.
 */
@SpringBootApplication
public class RpcbootServerApplication {

    /**
     * Starts the application on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        ConfigurableApplicationContext context = BootApplications.run(RpcbootServerApplication.class,
                WebApplicationType.NONE, "rpc.server.address=127.0.0.1", "rpc.server.port=0");
        int port = context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        return new RunningServer(port, context::close);
    }

}
