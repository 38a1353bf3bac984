package io.rpcboot.autoconfigure.elsewhere;

import io.rpcboot.annotation.RpcClient;

@RpcClient(name = "other")
public interface OtherClient {

    String name();

}
