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
        return named("caller-");
    }

    /**
     * Returns a factory of platform threads named with a prefix and a number from 0.
     * @param prefix the names' prefix
     * @return a new factory
     */
    static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return (task) -> new Thread(task, prefix + next.getAndIncrement());
    }

}
