package io.rpcboot.benchmarks.startup.withoutstarter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.rpcboot.benchmarks.startup.ReadyProbe;
import io.rpcboot.benchmarks.startup.StartupProbe;

/**
 * The application without rpcboot: the same beans, wired locally.
 */
@SpringBootApplication
@Import(ReadyProbe.class)
public class PlainApplication {

    /**
     * Starts the application, makes the first call and exits.
     * @param args none
     */
    public static void main(String[] args) {
        StartupProbe.run(PlainApplication.class);
    }

}
