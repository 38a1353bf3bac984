package io.rpcboot.benchmarks.startup.withstarter;

import io.rpcboot.annotation.RpcClient;

/**
 * What the application serves and calls.
 */
@RpcClient(name = "greeter")
public interface Greeter {

    /**
     * Greets someone.
     * @param name whom
     * @return the greeting
     */
    String greet(String name);

}
