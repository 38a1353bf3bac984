package io.rpcboot.benchmarks.startup.withstarter;

import io.rpcboot.annotation.RpcService;

@RpcService
class GreetingService implements Greeter {

    @Override
    public String greet(String name) {
        return "Hello, " + name;
    }

}
