package io.rpcboot.benchmarks.connections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.autoconfigure.RpcProperties;
import io.rpcboot.benchmarks.BootApplications;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.internal.client.EndpointAddress;
import io.rpcboot.internal.client.RemoteServiceConfig;
import io.rpcboot.internal.client.RpcClientFactory;

/**
 * rpcboot's clients: a Spring Boot application with the starter (no web server, every
 * setting at its default), whose {@link RpcClientFactory} (the one behind its
 * {@code @RpcClient} proxies) creates one {@link BenchService} client per connection,
 * each for a service of its own ({@code fleet-0}, {@code fleet-1}, ...) at the server's
 * URL. rpcboot keeps one connection per endpoint of a service, so each client has its own
 * connection, opened and handshaken as a client application's is; all of them share the
 * factory's I/O threads.
 */
public final class RpcbootFleet implements ConnectionFleet {

    private final ConfigurableApplicationContext context;

    private final List<BenchService> clients;

    private RpcbootFleet(ConfigurableApplicationContext context, List<BenchService> clients) {
        this.context = context;
        this.clients = clients;
    }

    /**
     * Creates the clients of a server on 127.0.0.1; none is connected yet.
     * @param port the server's port
     * @param size how many clients
     * @return the fleet
     */
    public static ConnectionFleet open(int port, int size) {
        ConfigurableApplicationContext context = BootApplications.run(Application.class, WebApplicationType.NONE);
        RpcClientFactory factory = context.getBean(RpcClientFactory.class);
        Duration timeout = context.getBean(RpcProperties.class).getClient().getTimeout();
        List<EndpointAddress> server = List.of(EndpointAddress.parse("rpc://127.0.0.1:" + port));
        List<BenchService> clients = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            clients
                .add(factory.createClient(BenchService.class, new RemoteServiceConfig("fleet-" + i, server, timeout)));
        }
        return new RpcbootFleet(context, clients);
    }

    @Override
    public int size() {
        return this.clients.size();
    }

    @Override
    public boolean echo(int client, long id) {
        Item sent = Workload.item(id);
        return sent.equals(this.clients.get(client).echo(sent));
    }

    @Override
    public void close() {
        this.context.close();
    }

    /** The clients' application. */
    @SpringBootApplication
    static class Application {

    }

}
