package io.rpcboot.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.server.ServerHolder;

/**
 * The {@code rpc} Actuator endpoint ({@code /actuator/rpc}): the exported services with
 * their methods and signatures, the server's address and port, and the clients with their
 * service name, interfaces, endpoints and each endpoint's connection state.
 */
@Endpoint(id = "rpc")
public class RpcEndpoint {

    private final ObjectProvider<ServerHolder> server;

    private final ObjectProvider<RpcClientFactory> clients;

    /**
     * Creates the endpoint.
     * @param server the server's lifecycle, when the server is enabled
     * @param clients the client factory
     */
    RpcEndpoint(ObjectProvider<ServerHolder> server, ObjectProvider<RpcClientFactory> clients) {
        this.server = server;
        this.clients = clients;
    }

    /**
     * Describes the server and the clients.
     * @return the description
     */
    @ReadOperation
    public Map<String, Object> rpc() {
        Map<String, Object> description = new LinkedHashMap<>();
        ServerHolder lifecycle = this.server.getIfAvailable();
        description.put("server", RpcDescriptions.server((lifecycle != null) ? lifecycle.getServer() : null));
        description.put("clients", RpcDescriptions.clients(this.clients.getIfAvailable()));
        return description;
    }

}
