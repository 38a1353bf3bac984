package io.rpcboot.benchmarks.startup.withstarter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.rpcboot.benchmarks.startup.FirstCall;

/**
 * Calls the greeter through the {@code @RpcClient} proxy. The application's own
 * {@link GreetingService} would be injected for a plain {@link Greeter} (a local bean
 * wins over the proxy), so the proxy is asked for by its bean name, the interface's name
 * followed by {@code .rpcClient}.
 */
@Component
class GreetingCaller implements FirstCall {

    private final Greeter greeter;

    GreetingCaller(@Qualifier("io.rpcboot.benchmarks.startup.withstarter.Greeter.rpcClient") Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public boolean call() {
        return this.greeter.greet("rpcboot").equals("Hello, rpcboot");
    }

}
