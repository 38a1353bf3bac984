package io.rpcboot.benchmarks;

/**
 * A started server of one stack, listening on 127.0.0.1.
 */
public final class RunningServer implements AutoCloseable {

    private final int port;

    private final Runnable stopper;

    /**
     * Creates the handle of a started server.
     * @param port the port it listens on
     * @param stopper what stops it
     */
    public RunningServer(int port, Runnable stopper) {
        this.port = port;
        this.stopper = stopper;
    }

    /**
     * Returns the port the server listens on.
     * @return the port
     */
    public int port() {
        return this.port;
    }

    @Override
    public void close() {
        this.stopper.run();
    }

}
