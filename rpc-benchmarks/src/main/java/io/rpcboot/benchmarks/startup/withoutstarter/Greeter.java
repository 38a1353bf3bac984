package io.rpcboot.benchmarks.startup.withoutstarter;

/**
 * What the application's component calls.
 */
public interface Greeter {

    /**
     * Greets someone.
     * @param name whom
     * @return the greeting
     */
    String greet(String name);

}
