package io.rpcboot.benchmarks.rpcboot.client;

import java.time.Duration;
import java.util.Arrays;

import org.springframework.boot.WebApplicationType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.benchmarks.BenchCertificates;
import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.SlowStream;
import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.VirtualThreads;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.BlockingBenchService;
import io.rpcboot.benchmarks.api.StreamService;

/**
 * The rpcboot caller: a Spring Boot application (no web server) into whose component an
 * {@code @RpcClient} proxy of {@link BenchService} (or, for the stacks of default
 * methods, {@link BlockingBenchService}) is injected, every rpcboot setting at its
 * default but the service's URL (and, for the JSON variant, the payload format; for the
 * virtual-thread variant, {@code spring.threads.virtual.enabled}).
 */
@SpringBootApplication
@EnableRpcClients(clients = { BenchService.class, BlockingBenchService.class, StreamService.class })
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
     * Starts the application with the server at two loopback addresses in the service's
     * urls (127.0.0.1 and 127.0.0.2; the server listens on both), so that every call goes
     * through the least-requests balancer's choice of two endpoints.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectBalanced(int port) {
        return connect("rpc://127.0.0.1:" + port + ",rpc://127.0.0.2:" + port, "smile");
    }

    /**
     * Starts the application with its default payload format over TLS, trusting the
     * benchmark's CA.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectTls(int port) {
        return connect("rpc://127.0.0.1:" + port, "smile",
                "spring.ssl.bundle.pem.bench.truststore.certificate=file:" + BenchCertificates.authority(),
                "rpc.client.ssl.bundle=bench");
    }

    /**
     * Starts the application with its default payload format, calling the workload's
     * default (blocking) methods ({@link BlockingBenchService}); unary calls only.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connectBlocking(int port) {
        return blockingCaller(start("rpc://127.0.0.1:" + port, "smile"));
    }

    /**
     * Starts the application as {@link #connectBlocking(int)}, with
     * {@code spring.threads.virtual.enabled=true}, as an application on virtual threads
     * runs.
     * @param port the server's port
     * @return the caller
     * @throws IllegalStateException before Java 21, where Spring Boot would ignore the
     * property
     */
    public static StackClient connectVirtual(int port) {
        VirtualThreads.require("The rpcboot caller on virtual threads");
        return blockingCaller(start("rpc://127.0.0.1:" + port, "smile", "spring.threads.virtual.enabled=true"));
    }

    /**
     * The component that calls the workload's non-blocking methods.
     * @param service the injected proxy
     * @return the component
     */
    @Bean
    BenchCaller benchCaller(BenchService service) {
        return BenchCaller.of(service);
    }

    /**
     * The component that calls the workload's default (blocking) methods.
     * @param service the injected proxy
     * @return the component
     */
    @Bean
    BenchCaller blockingBenchCaller(BlockingBenchService service) {
        return BenchCaller.of(service);
    }

    private static StackClient blockingCaller(ConfigurableApplicationContext context) {
        return new Caller(context, context.getBean("blockingBenchCaller", BenchCaller.class), null);
    }

    private static StackClient connect(int port, String payloadFormat) {
        return connect("rpc://127.0.0.1:" + port, payloadFormat);
    }

    private static StackClient connect(String urls, String payloadFormat, String... more) {
        ConfigurableApplicationContext context = start(urls, payloadFormat, more);
        return new Caller(context, context.getBean("benchCaller", BenchCaller.class),
                context.getBean(StreamCaller.class));
    }

    private static ConfigurableApplicationContext start(String urls, String payloadFormat, String... more) {
        String[] properties = Arrays.copyOf(more, more.length + 2);
        properties[more.length] = "rpc.client.services.bench.urls=" + urls;
        properties[more.length + 1] = "rpc.client.payload-format=" + payloadFormat;
        return BootApplications.run(RpcbootClientApplication.class, WebApplicationType.NONE, properties);
    }

    /**
     * The caller as the load generator drives it: the application's components.
     */
    private static final class Caller implements StackClient {

        private final ConfigurableApplicationContext context;

        private final BenchCaller calls;

        private final @Nullable StreamCaller streams;

        Caller(ConfigurableApplicationContext context, BenchCaller calls, @Nullable StreamCaller streams) {
            this.context = context;
            this.calls = calls;
            this.streams = streams;
        }

        @Override
        public boolean echo(long id) {
            return this.calls.echo(id);
        }

        @Override
        public boolean list(int n) {
            return this.calls.list(n);
        }

        @Override
        public void echoAsync(long id, Answered answered) {
            this.calls.echoAsync(id, answered);
        }

        @Override
        public boolean stream(long firstId, int n) {
            return streams().stream(firstId, n);
        }

        @Override
        public SlowStream openSlowStream(long firstId, Duration interval, boolean producerWatchesReadiness) {
            return streams().openSlowStream(firstId, interval);
        }

        private StreamCaller streams() {
            StreamCaller caller = this.streams;
            if (caller == null) {
                throw new UnsupportedOperationException("This stack does not stream");
            }
            return caller;
        }

        @Override
        public void close() {
            this.context.close();
        }

    }

}
