package io.rpcboot.internal.server;

import org.jspecify.annotations.Nullable;

/**
 * What runs the application's server, as its health and description read it.
 */
public interface ServerHolder {

    /**
     * Returns whether the application exports services and has somewhere to serve them (a
     * TCP port, an in-process name, or both), so that the server should be running.
     * @return whether there are services to export and serve
     */
    boolean hasServices();

    /**
     * Returns the running server.
     * @return the server, or {@code null} when it is not running
     */
    @Nullable RpcServer getServer();

}
