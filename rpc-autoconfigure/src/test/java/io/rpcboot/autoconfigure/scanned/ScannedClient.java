package io.rpcboot.autoconfigure.scanned;

import io.rpcboot.annotation.RpcClient;

@RpcClient(name = "scanned")
public interface ScannedClient {

    String name();

}
