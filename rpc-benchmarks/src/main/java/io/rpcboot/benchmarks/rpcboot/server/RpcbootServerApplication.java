package io.rpcboot.benchmarks.rpcboot.server;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.benchmarks.BenchCertificates;
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

    private static RunningServer start(String[] tls) {
        String[] properties = java.util.Arrays.copyOf(tls, tls.length + 2);
        properties[tls.length] = "rpc.server.address=127.0.0.1";
        properties[tls.length + 1] = "rpc.server.port=0";
        ConfigurableApplicationContext context = BootApplications.run(RpcbootServerApplication.class,
                WebApplicationType.NONE, properties);
        int port = context.getEnvironment().getRequiredProperty("local.rpc.server.port", Integer.class);
        return new RunningServer(port, context::close);
    }

}
