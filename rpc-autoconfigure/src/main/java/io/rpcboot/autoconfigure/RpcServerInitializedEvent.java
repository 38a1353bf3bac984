package io.rpcboot.autoconfigure;

import org.springframework.context.ApplicationEvent;

import io.rpcboot.internal.server.RpcServer;

/**
 * Published when the rpcboot server has started and listens on its port, its in-process
 * name, or both.
 */
final class RpcServerInitializedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     * @param server the started server
     */
    RpcServerInitializedEvent(RpcServer server) {
        super(server);
    }

    /**
     * Returns the started server.
     * @return the server
     */
    RpcServer getServer() {
        return (RpcServer) getSource();
    }

}
