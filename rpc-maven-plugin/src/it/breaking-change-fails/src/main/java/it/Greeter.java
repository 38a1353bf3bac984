package it;

import io.rpcboot.annotation.RpcClient;

/** Version 1.1 of the baseline's Greeter: a parameter added, and a property removed from a result. */
@RpcClient(name = "greeter")
public interface Greeter {

    String greet(String name, String language);

    Greeting latest();

}
