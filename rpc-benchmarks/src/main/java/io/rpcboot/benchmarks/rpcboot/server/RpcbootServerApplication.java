package io.rpcboot.benchmarks.rpcboot.server;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BenchCertificates;
import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.RunningServer;
import io.rpcboot.benchmarks.VirtualThreads;

/**
 * The rpcboot server: a Spring Boot application with the workload's {@code @RpcService}s
 * (the workload with {@code blocking = false} methods, the same with default methods, and
 * the streams), every rpcboot setting at its default but the address and port.
 */
@SpringBootApplication
public class RpcbootServerApplication {

    /**
     * Starts the application on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        return start(new String[0]);
    }

    /**
     * Starts the application over TLS, presenting the benchmark's certificate.
     * @return the running server
     */
    public static RunningServer startTls() {
        BenchCertificates.write();
        return start(new String[] {
                "spring.ssl.bundle.pem.bench.keystore.certificate=file:" + BenchCertificates.serverCertificate(),
                "spring.ssl.bundle.pem.bench.keystore.private-key=file:" + BenchCertificates.serverKey(),
                "rpc.server.ssl.bundle=bench" });
    }

    /**
     * Starts the application with {@code spring.threads.virtual.enabled=true}, so that it
     * runs each call of a default (blocking) method on a virtual thread of its own.
     * @return the running server
     * @throws IllegalStateException before Java 21, where Spring Boot would ignore the
     * property and run the calls on platform threads
     */
    public static RunningServer startVirtual() {
        VirtualThreads.require("The rpcboot server on virtual threads");
        return start(new String[] { "spring.threads.virtual.enabled=true" });
    }

    /**
     * Starts the application on a free port of every address of the machine, so that a
     * client reaches the one server at two loopback addresses, 127.0.0.1 and 127.0.0.2:
     * two endpoints, which a client keeps apart (the same address listed twice is one
     * endpoint).
     * @return the running server
     */
    public static RunningServer startOnEveryAddress() {
        return start("0.0.0.0", new String[0]);
    }

    private static RunningServer start(String[] more) {
        return start("127.0.0.1", more);
    }

    private static RunningServer start(String address, String[] more) {
        String[] properties = java.util.Arrays.copyOf(more, more.length + 2);
        properties[more.length] = "rpc.server.address=" + address;
        properties[more.length + 1] = "rpc.server.port=0";
        ConfigurableApplicationContext context = BootApplications.run(RpcbootServerApplication.class,
                WebApplicationType.NONE, properties);
        int port = context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        return new RunningServer(port, context::close);
    }

}
