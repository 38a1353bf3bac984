package io.rpcboot.internal.server;

/**
 * Lets tests of other transports run calls through a server without its port: the
 * {@link CallDispatcher} that the server gives its HTTP transport.
 */
public final class Dispatchers {

    private Dispatchers() {
    }

    /**
     * Returns a dispatcher of a server's calls.
     * @param server the server
     * @return its dispatcher
     */
    public static CallDispatcher of(RpcServer server) {
        return new CallDispatcher(server);
    }

}
