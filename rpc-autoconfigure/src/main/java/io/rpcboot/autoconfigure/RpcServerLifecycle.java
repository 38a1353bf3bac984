package io.rpcboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.rpcboot.internal.server.InProcessNameTakenException;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerOptions;
import io.rpcboot.internal.server.ServerHolder;

/**
 * Starts the rpcboot server once the application's beans are ready (when there is
 * something to export, and a TCP port or an in-process name to serve it on) and announces
 * it with an {@link RpcServerInitializedEvent}; on shutdown it turns readiness to
 * {@code REFUSING_TRAFFIC}, then drains the server, in an earlier phase than the beans
 * its calls use, so that a call being served can still make its own calls.
 */
final class RpcServerLifecycle implements SmartLifecycle, ServerHolder {

    private static final Logger logger = LoggerFactory.getLogger(RpcServerLifecycle.class);

    /** The phase of the server: it starts after, and stops before, the default phase. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final RpcServerFactory factory;

    private final RpcServiceDiscoverer discoverer;

    private final ApplicationEventPublisher events;

    private final Duration gracePeriod;

    private volatile @Nullable RpcServer server;

    private volatile boolean hasServices;

    /**
     * Creates the lifecycle.
     * @param factory what creates the server
     * @param discoverer what finds the services to export
     * @param events where the server's start and the readiness change are published
     * @param gracePeriod how long calls in flight may take to finish on shutdown
     */
    RpcServerLifecycle(RpcServerFactory factory, RpcServiceDiscoverer discoverer, ApplicationEventPublisher events,
            Duration gracePeriod) {
        this.factory = factory;
        this.discoverer = discoverer;
        this.events = events;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public void start() {
        List<ExportedService> services = this.discoverer.discover();
        if (services.isEmpty()) {
            return;
        }
        ServerOptions options = this.factory.options();
        if (!options.listensOnTcp() && options.inProcessName() == null) {
            logger.info(
                    "rpcboot server not started: rpc.server.port=-1 opens no TCP port and"
                            + " rpc.server.in-process.name is not set, so the {} exported service(s) are not served",
                    services.size());
            return;
        }
        this.hasServices = true;
        RpcServer created = this.factory.create(services);
        try {
            created.start();
        }
        catch (InProcessNameTakenException ex) {
            throw new IllegalStateException(ex.getMessage() + ". Set rpc.server.in-process.name to a name of its own",
                    ex);
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException(ex.getMessage() + ". Set rpc.server.port to a free port (0 picks one)"
                    + " or rpc.server.address to an address of this machine", ex);
        }
        this.server = created;
        this.events.publishEvent(new RpcServerInitializedEvent(created));
    }

    @Override
    public void stop() {
        RpcServer running = this.server;
        if (running != null) {
            AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
            running.stop(this.gracePeriod);
            this.server = null;
        }
    }

    /**
     * Drains the server on a thread of its own, so that other lifecycles of the same
     * phase (a web server's graceful shutdown) drain at the same time; Spring waits for
     * the callback up to {@code spring.lifecycle.timeout-per-shutdown-phase}.
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
