package io.rpcboot.autoconfigure.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerHolder;

/**
 * Health of rpcboot: {@code DOWN} when the application exports services but its server is
 * not listening; otherwise {@code UP}. The endpoints of the services the application
 * calls are reported in the details ({@code CONNECTED}, {@code IDLE} or
 * {@code UNREACHABLE}) without changing the status: as Spring Boot advises for external
 * systems, a dependency that is down should not make this application look down (and be
 * restarted) too.
 */
public class RpcHealthIndicator extends AbstractHealthIndicator {

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
        if (lifecycle != null && lifecycle.hasServices() && (running == null || !running.isRunning())) {
            builder.down().withDetail("server", "not listening");
        }
        else {
            builder.up();
            if (running != null) {
                builder.withDetail("server", "listening on port " + running.localAddress().getPort());
            }
        }
        builder.withDetail("clients", RpcDescriptions.clients(this.clients.getIfAvailable()));
    }

}
