package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.RpcInterceptorChain;
import io.rpcboot.internal.server.CallDispatcher;
import io.rpcboot.internal.server.ConnectionProtocol;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerHolder;
import io.rpcboot.internal.server.ServerOptions;
import io.rpcboot.internal.server.ServiceRegistry;
import io.rpcboot.internal.server.http.HttpTransport;

/**
 * Starts the rpcboot server once the application's beans are ready (when there is something to
 * export), publishes its port as {@code local.rpc.server.port}, and drains it on shutdown: in an
 * earlier phase than the beans its calls use, so a call being served can still make its own calls.
 */
final class RpcServerLifecycle implements SmartLifecycle, ServerHolder {

    /** The phase of the server: it starts after, and stops before, the default phase. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final String PORT_PROPERTY = "local.rpc.server.port";

    private static final String PORT_PROPERTY_SOURCE = "rpc.server.ports";

    private final RpcProperties.Server properties;

    private final RpcServiceDiscoverer discoverer;

    private final PayloadCodec codec;

    private final ConfigurableEnvironment environment;

    private final ApplicationContext context;

    private final Duration gracePeriod;

    private final RpcInterceptorChain interceptors;

    private final ServerOptions.ConnectionLimits connectionLimits;

    private volatile @Nullable RpcServer server;

    private volatile boolean hasServices;

    RpcServerLifecycle(RpcProperties.Server properties, RpcServiceDiscoverer discoverer, PayloadCodec codec,
            ConfigurableEnvironment environment, ApplicationContext context, Duration gracePeriod,
            List<RpcServerInterceptor> interceptors) {
        this.interceptors = RpcInterceptorChain.of(interceptors);
        this.properties = properties;
        this.discoverer = discoverer;
        this.codec = codec;
        this.environment = environment;
        this.context = context;
        this.gracePeriod = gracePeriod;
        this.connectionLimits = connectionLimits(properties);
    }

    private static ServerOptions.ConnectionLimits connectionLimits(RpcProperties.Server properties) {
        if (properties.getMaxConnections() < 1) {
            throw new IllegalStateException("rpc.server.max-connections must be at least 1, not "
                    + properties.getMaxConnections());
        }
        Duration maxAge = properties.getMaxConnectionAge();
        return new ServerOptions.ConnectionLimits(properties.getMaxConnections(),
                notNegative("rpc.server.handshake-timeout", properties.getHandshakeTimeout()),
                notNegative("rpc.server.message-read-timeout", properties.getMessageReadTimeout()),
                notNegative("rpc.server.idle-timeout", properties.getIdleTimeout()),
                (maxAge != null) ? notNegative("rpc.server.max-connection-age", maxAge) : null,
                notNegative("rpc.server.max-connection-age-grace", properties.getMaxConnectionAgeGrace()));
    }

    private static Duration notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new IllegalStateException(property + " must not be negative, not " + value);
        }
        return value;
    }

    @Override
    public void start() {
        List<ExportedService> services = this.discoverer.discover();
        this.hasServices = !services.isEmpty();
        if (services.isEmpty()) {
            return;
        }
        ServerOptions options = new ServerOptions(this.properties.getAddress(), this.properties.getPort(),
                (int) this.properties.getMaxMessageSize().toBytes(), this.properties.getMaxThreads(),
                this.properties.getMaxQueuedCalls(),
                this.properties.getError().getIncludeMessage() == RpcProperties.Server.Error.IncludeMessage.ALWAYS,
                this.connectionLimits, this.properties.getMaxConcurrentCallsPerConnection());
        int maxMessageSize = options.maxMessageSize();
        Function<CallDispatcher, ConnectionProtocol> http = this.properties.getHttp().isEnabled()
                ? (dispatcher) -> new HttpTransport(dispatcher, maxMessageSize)
                : (dispatcher) -> HttpTransport.disabled();
        RpcServer created = new RpcServer(options, new ServiceRegistry(byInterface(services), this.codec), this.codec,
                callExecutor(), this.interceptors, List.of(http));
        try {
            created.start();
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException(ex.getMessage() + ". Set rpc.server.port to a free port (0 picks one)"
                    + " or rpc.server.address to an address of this machine", ex);
        }
        this.server = created;
        publishPort(created.localAddress().getPort());
    }

    private static Map<Class<?>, Object> byInterface(List<ExportedService> services) {
        Map<Class<?>, Object> exported = new LinkedHashMap<>();
        for (ExportedService service : services) {
            if (exported.putIfAbsent(service.serviceInterface(), service.implementation()) != null) {
                throw new IllegalStateException(
                        "Service " + service.serviceInterface().getName() + " is exported twice");
            }
        }
        return exported;
    }

    private @Nullable Executor callExecutor() {
        if (Threading.VIRTUAL.isActive(this.environment)) {
            SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("rpc-server-call-");
            executor.setVirtualThreads(true);
            return executor;
        }
        return null;
    }

    private void publishPort(int port) {
        PropertySource<?> source = this.environment.getPropertySources().get(PORT_PROPERTY_SOURCE);
        if (source instanceof MapPropertySource mapSource) {
            mapSource.getSource().put(PORT_PROPERTY, port);
        }
        else {
            this.environment.getPropertySources()
                .addFirst(new MapPropertySource(PORT_PROPERTY_SOURCE, new java.util.HashMap<>(Map.of(PORT_PROPERTY,
                        port))));
        }
    }

    @Override
    public void stop() {
        RpcServer running = this.server;
        if (running != null) {
            AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
            running.stop(this.gracePeriod);
            this.server = null;
        }
    }

    /**
     * Drains the server on a thread of its own, so that other lifecycles of the same phase (a web
     * server's graceful shutdown) drain at the same time; Spring waits for the callback up to
     * {@code spring.lifecycle.timeout-per-shutdown-phase}.
     * @param callback what tells Spring the server has stopped
     */
    @Override
    public void stop(Runnable callback) {
        if (this.server == null) {
            callback.run();
            return;
        }
        Thread drain = new Thread(() -> {
            try {
                stop();
            }
            finally {
                callback.run();
            }
        }, "rpc-server-shutdown");
        drain.start();
    }

    @Override
    public boolean isRunning() {
        return this.server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean hasServices() {
        return this.hasServices;
    }

    @Override
    public @Nullable RpcServer getServer() {
        return this.server;
    }

}
