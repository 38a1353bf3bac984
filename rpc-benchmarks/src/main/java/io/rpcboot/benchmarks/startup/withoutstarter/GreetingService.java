package io.rpcboot.benchmarks.startup.withoutstarter;

import org.springframework.stereotype.Service;

@Service
class GreetingService implements Greeter {

    @Override
    public String greet(String name) {
        return "Hello, " + name;
    }

}
