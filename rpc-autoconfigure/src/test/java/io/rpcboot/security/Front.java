package io.rpcboot.security;

import io.rpcboot.annotation.RpcClient;

/**
 * A service that calls the vault of another server while serving a call.
 */
@RpcClient(name = "front")
public interface Front {

    String whoDoesTheVaultSee();

}
