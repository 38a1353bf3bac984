package it;

import java.util.List;

import io.rpcboot.annotation.RpcClient;

/** Version 1.1 of the baseline's Greeter: a method added, and a property added to a result. */
@RpcClient(name = "greeter")
public interface Greeter {

    String greet(String name);

    Greeting latest();

    List<Greeting> history(int limit);

}
