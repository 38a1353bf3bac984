package io.rpcboot.benchmarks;

import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.grpc.GrpcStack;
import io.rpcboot.benchmarks.mvc.client.MvcClientApplication;
import io.rpcboot.benchmarks.mvc.server.MvcServerApplication;
import io.rpcboot.benchmarks.netty.NettyClient;
import io.rpcboot.benchmarks.netty.NettyServer;
import io.rpcboot.benchmarks.rpcboot.client.RpcbootClientApplication;
import io.rpcboot.benchmarks.rpcboot.server.RpcbootServerApplication;

/**
 * The stacks under comparison, each a server and a caller of the same workload.
 */
public enum Stack {

    /**
     * rpcboot through its starter: {@code @RpcService} and an injected {@code @RpcClient}
     * proxy, with its default payload format, Smile.
     */
    RPCBOOT("rpcboot", RpcbootServerApplication::start, RpcbootClientApplication::connect),

    /**
     * rpcboot as {@link #RPCBOOT}, with JSON payloads
     * ({@code rpc.client.payload-format=json}).
     */
    RPCBOOT_JSON("rpcboot, JSON payloads", RpcbootServerApplication::start, RpcbootClientApplication::connectWithJson),

    /**
     * rpcboot as {@link #RPCBOOT}, with the same server at two loopback addresses
     * (127.0.0.1 and 127.0.0.2) in the service's urls: two endpoints, two connections,
     * and the least-requests balancer's draw on every call. Against {@link #RPCBOOT} (one
     * endpoint, taken without drawing), it shows what balancing costs a call.
     */
    RPCBOOT_BALANCED("rpcboot, balanced over 2 endpoints", RpcbootServerApplication::startOnEveryAddress,
            RpcbootClientApplication::connectBalanced),

    /**
     * rpcboot as {@link #RPCBOOT} over TLS ({@code rpc.server.ssl.bundle},
     * {@code rpc.client.ssl.bundle}), JDK provider, {@link BenchCertificates}.
     */
    RPCBOOT_TLS("rpcboot, TLS", RpcbootServerApplication::startTls, RpcbootClientApplication::connectTls),

    /**
     * rpcboot as {@link #RPCBOOT}, calling the same workload through
     * {@code BlockingBenchService}, whose methods are rpcboot's default (blocking) ones:
     * the server runs each call on its call executor ({@code rpc.server.max-threads}
     * platform threads). Unary calls only.
     */
    RPCBOOT_BLOCKING("rpcboot, default (blocking) methods", RpcbootServerApplication::start,
            RpcbootClientApplication::connectBlocking, false),

    /**
     * rpcboot as {@link #RPCBOOT_BLOCKING}, both applications with
     * {@code spring.threads.virtual.enabled=true}: the server runs each call on a virtual
     * thread of its own. Needs Java 21 or later. Unary calls only.
     */
    RPCBOOT_VIRTUAL("rpcboot, default (blocking) methods on virtual threads", RpcbootServerApplication::startVirtual,
            RpcbootClientApplication::connectVirtual, false),

    /** gRPC-java, protobuf messages, generated blocking stubs. */
    GRPC("gRPC-java", GrpcStack::start, GrpcStack::connect),

    /**
     * gRPC-java as {@link #GRPC}, with a server built without {@code directExecutor()}:
     * gRPC's default executor (a cached thread pool) runs the handlers, as users get it.
     */
    GRPC_EXECUTOR("gRPC-java, default executor", GrpcStack::startWithDefaultExecutor, GrpcStack::connect),

    /**
     * gRPC-java as {@link #GRPC}, with a channel built with {@code directExecutor()}: a
     * streamed message goes to its observer on the channel's I/O thread instead of a
     * thread of the channel's default executor, as rpcboot delivers elements.
     */
    GRPC_DIRECT("gRPC-java, direct-executor channel", GrpcStack::start, GrpcStack::connectDirect),

    /**
     * gRPC-java as {@link #GRPC} over TLS, with the JDK provider (not the OpenSSL that
     * grpc-netty-shaded bundles) and the same certificate as {@link #RPCBOOT_TLS}.
     */
    GRPC_TLS("gRPC-java, TLS", GrpcStack::startTls, GrpcStack::connectTls),

    /** Spring MVC on Tomcat, called through an {@code @HttpExchange} interface client. */
    MVC("Spring MVC + HTTP interface", MvcServerApplication::start, MvcClientApplication::connect, false),

    /**
     * Length-prefixed frames, request ids and Jackson on one multiplexed Netty
     * connection.
     */
    NETTY("raw Netty (baseline)", NettyServer::start, NettyClient::connect, false);

    private final String label;

    // a stateless method reference
    @SuppressWarnings("ImmutableEnumChecker")
    private final Supplier<RunningServer> server;

    // a stateless method reference
    @SuppressWarnings("ImmutableEnumChecker")
    private final IntFunction<StackClient> client;

    private final boolean streams;

    Stack(String label, Supplier<RunningServer> server, IntFunction<StackClient> client) {
        this(label, server, client, true);
    }

    Stack(String label, Supplier<RunningServer> server, IntFunction<StackClient> client, boolean streams) {
        this.label = label;
        this.server = server;
        this.client = client;
        this.streams = streams;
    }

    /**
     * Returns whether this stack runs a scenario: every stack makes unary calls, the
     * stacks with server streams (rpcboot's and gRPC's) run the stream scenarios and make
     * the asynchronous calls.
     * @param scenario the scenario
     * @return whether it runs
     */
    public boolean runs(Scenario scenario) {
        return (scenario.call() != Scenario.Call.STREAM && scenario.call() != Scenario.Call.ECHO_ASYNC) || this.streams;
    }

    /**
     * Returns why this JVM cannot run this stack, or {@code null} when it can: the stack
     * on virtual threads needs Java 21 or later.
     * @return the reason, or {@code null}
     */
    public @Nullable String missingRequirement() {
        return (this == RPCBOOT_VIRTUAL) ? VirtualThreads.missing("The stack " + id()) : null;
    }

    /**
     * Returns the name used on the command line.
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the name shown in the results.
     * @return the label
     */
    public String label() {
        return this.label;
    }

    /**
     * Starts this stack's server on a free port of 127.0.0.1.
     * @return the running server
     */
    public RunningServer startServer() {
        return this.server.get();
    }

    /**
     * Starts this stack's caller.
     * @param port the server's port on 127.0.0.1
     * @return the caller
     */
    public StackClient connect(int port) {
        return this.client.apply(port);
    }

    /**
     * Returns the stack of a command-line name.
     * @param id the name
     * @return the stack
     * @throws IllegalArgumentException when no stack has that name
     */
    public static Stack of(String id) {
        for (Stack stack : values()) {
            if (stack.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return stack;
            }
        }
        throw new IllegalArgumentException("Unknown stack '" + id
                + "', expected one of rpcboot, rpcboot-json, rpcboot-balanced, rpcboot-tls, rpcboot-blocking,"
                + " rpcboot-virtual, grpc, grpc-executor, grpc-direct, grpc-tls, mvc, netty");
    }

}
