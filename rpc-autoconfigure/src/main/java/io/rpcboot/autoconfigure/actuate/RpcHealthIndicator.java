package io.rpcboot.autoconfigure.actuate;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerHolder;

/**
 * Health of rpcboot: {@code DOWN} when the application exports services but its server is
 * not listening; {@link #DEGRADED} when a service the application calls has no live
 * endpoint (none found, or all ejected after failing), naming those services; otherwise
 * {@code UP}. The endpoints' states are in the details.
 *
 * <p>
 * A dependency without a live endpoint is not {@code DOWN}: as Spring Boot advises for
 * external systems, a dependency that is down should not make this application look down
 * too (a liveness probe would restart it, which mends nothing). {@code DEGRADED} is not
 * in Spring Boot's default status order, so it does not change the aggregate health and
 * answers HTTP 200; an application that wants it to count adds it to
 * {@code management.endpoint.health.status.order}.
 */
public class RpcHealthIndicator extends AbstractHealthIndicator {

    /** A service the application calls has no live endpoint. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "a service the application calls has no live endpoint");

    private final ObjectProvider<ServerHolder> server;

    private final ObjectProvider<RpcClientFactory> clients;

    /**
     * Creates the indicator.
     * @param server the server's lifecycle, when the server is enabled
     * @param clients the client factory
     */
    RpcHealthIndicator(ObjectProvider<ServerHolder> server, ObjectProvider<RpcClientFactory> clients) {
        super("rpc health check failed");
        this.server = server;
        this.clients = clients;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ServerHolder lifecycle = this.server.getIfAvailable();
        RpcServer running = (lifecycle != null) ? lifecycle.getServer() : null;
        RpcClientFactory factory = this.clients.getIfAvailable();
        List<String> unavailable = (factory != null) ? factory.services()
            .stream()
            .filter((service) -> !service.hasAvailableEndpoint())
            .map((service) -> service.config().name())
            .sorted()
            .toList() : List.of();
        if (lifecycle != null && lifecycle.hasServices() && (running == null || !running.isRunning())) {
            builder.down().withDetail("server", "not listening");
        }
        else {
            builder.status(unavailable.isEmpty() ? Status.UP : DEGRADED);
            if (running != null) {
                builder.withDetail("server", listening(running));
            }
        }
        if (!unavailable.isEmpty()) {
            builder.withDetail("unavailable", unavailable);
        }
        builder.withDetail("clients", RpcDescriptions.clients(factory));
    }

    private static String listening(RpcServer server) {
        String inProcessName = server.inProcessName();
        String inProcess = (inProcessName != null) ? "serving in-process as '" + inProcessName + "'" : null;
        if (!server.listensOnTcp()) {
            return (inProcess != null) ? inProcess : "not listening";
        }
        String port = "listening on port " + server.localAddress().getPort();
        return (inProcess != null) ? port + " and " + inProcess : port;
    }

}
