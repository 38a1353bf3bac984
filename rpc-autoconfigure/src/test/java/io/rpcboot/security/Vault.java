package io.rpcboot.security;

import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcClient;

/**
 * A service whose methods report who calls them.
 */
@RpcClient(name = "vault")
public interface Vault extends Greeting {

    String whoAmI();

    String secret();

    CompletableFuture<String> whoAmILater();

    CompletableFuture<String> secretLater();

}
