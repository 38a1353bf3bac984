package io.rpcboot.benchmarks;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the caller threads of one phase of a scenario: platform threads named
 * {@code caller-0}, {@code caller-1} and so on, or virtual threads when the scenario says
 * so.
 */
final class CallerThreads {

    private CallerThreads() {
    }

    /**
     * Returns a factory of the scenario's caller threads.
     * @param scenario the scenario
     * @return a new factory
     * @throws IllegalStateException when the scenario asks for virtual threads before
     * Java 21
     */
    static ThreadFactory of(Scenario scenario) {
        if (scenario.virtualCallers()) {
            return VirtualThreads.factory();
        }
        AtomicInteger next = new AtomicInteger();
        return (caller) -> new Thread(caller, "caller-" + next.getAndIncrement());
    }

}
