package io.rpcboot.benchmarks.soak.server;

import io.rpcboot.annotation.RpcMethod;

/**
 * Methods the abusive patterns call: a blocking one that fills the call threads, one that
 * counts its calls (so that a request hidden in a malformed frame shows when it runs),
 * and one that throws an exception its interface does not declare.
 */
public interface SoakTargets {

    /**
     * Sleeps, on one of the server's call threads.
     * @param millis how long
     * @return {@code millis}
     * @throws InterruptedException when the call is cancelled
     */
    int pause(int millis) throws InterruptedException;

    /**
     * Counts a call; nothing a well-behaved peer sends reaches it.
     */
    @RpcMethod(blocking = false)
    void hit();

    /**
     * Throws an {@link IllegalStateException}, which this interface does not declare.
     * @param what the exception's message
     */
    void fail(String what);

}
