package io.rpcboot.benchmarks.startup.withoutstarter;

import org.springframework.stereotype.Component;

import io.rpcboot.benchmarks.startup.FirstCall;

/**
 * Calls the local greeter.
 */
@Component
class GreetingCaller implements FirstCall {

    private final Greeter greeter;

    GreetingCaller(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public boolean call() {
        return this.greeter.greet("rpcboot").equals("Hello, rpcboot");
    }

}
