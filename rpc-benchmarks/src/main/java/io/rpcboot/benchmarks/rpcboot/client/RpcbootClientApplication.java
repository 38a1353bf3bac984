package io.rpcboot.benchmarks.rpcboot.client;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.BenchService;

/**
 * The rpcboot caller: a Spring Boot application (no web server) into whose component an
 * {@code @RpcClient} proxy of {@link BenchService} is injected, every rpcboot setting at
 * its default but the service's URL (and, for the JSON variant, the payload format).
 */
@SpringBootApplication
@EnableRpcClients(clients = BenchService.class)
public class RpcbootClientApplication {

    /**
     * Starts the application with its default payload format (Smile), calling the server
     * on the given port of 127.0.0.1.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connect(int port) {
        return connect(port, "smile");
    }

    /**
     * Starts the application with JSON payloads ({@code rpc.client.payload-format=json}).
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectWithJson(int port) {
        return connect(port, "json");
    }

    /**
     * Starts the application with the server listed twice in the service's urls, so that
     * every call goes through the least-requests balancer's choice of two endpoints.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectBalanced(int port) {
        return connect("rpc://127.0.0.1:" + port + ",rpc://127.0.0.1:" + port, "smile");
    }

    private static StackClient connect(int port, String payloadFormat) {
        return connect("rpc://127.0.0.1:" + port, payloadFormat);
    }

    private static StackClient connect(String urls, String payloadFormat) {
        ConfigurableApplicationContext context = BootApplications.run(RpcbootClientApplication.class,
                WebApplicationType.NONE, "rpc.client.services.bench.urls=" + urls,
                "rpc.client.payload-format=" + payloadFormat);
        BenchCaller caller = context.getBean(BenchCaller.class);
        return new StackClient() {

            @Override
            public boolean echo(long id) {
                return caller.echo(id);
            }

            @Override
            public boolean list(int n) {
                return caller.list(n);
            }

            @Override
            public void close() {
                context.close();
            }

        };
    }

}
