package io.rpcboot.benchmarks.startup.withstarter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.rpcboot.benchmarks.startup.ReadyProbe;
import io.rpcboot.benchmarks.startup.StartupProbe;

/**
 * The application with rpcboot's starter: its server on the port given, on 127.0.0.1, and
 * its {@code greeter} client pointed at that server.
 */
@SpringBootApplication
@Import(ReadyProbe.class)
public class StarterApplication {

    /**
     * Starts the application, makes the first call and exits.
     * @param args the server's port
     */
    public static void main(String[] args) {
        String port = args[0];
        StartupProbe.run(StarterApplication.class, "rpc.server.address=127.0.0.1", "rpc.server.port=" + port,
                "rpc.client.services.greeter.urls=rpc://127.0.0.1:" + port);
    }

}
