package io.rpcboot.benchmarks.soak.server;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.RunningServer;

/**
 * The soak's server: the benchmark's rpcboot server (every rpcboot setting at its default
 * but the address and port) with {@link SoakTargets} exported next to the benchmark's
 * service.
 */
@SpringBootApplication
public class SoakServerApplication {

    /**
     * Starts the application on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        ConfigurableApplicationContext context = BootApplications.run(SoakServerApplication.class,
                WebApplicationType.NONE, "rpc.server.address=127.0.0.1", "rpc.server.port=0");
        int port = context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        return new RunningServer(port, context::close);
    }

}
