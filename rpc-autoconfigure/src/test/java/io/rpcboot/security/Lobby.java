package io.rpcboot.security;

import io.rpcboot.annotation.RpcClient;

/**
 * A service open to anonymous callers.
 */
@RpcClient(name = "vault")
public interface Lobby extends Greeting {

    String whoAmI();

    String adminsOnly();

}
