package io.rpcboot.benchmarks.startup;

/**
 * The application's first call through the interface its component uses: to its own
 * server through an rpcboot client with the starter, to the local bean without it.
 */
public interface FirstCall {

    /**
     * Makes the call and checks its answer.
     * @return whether the answer is the expected one
     */
    boolean call();

}
