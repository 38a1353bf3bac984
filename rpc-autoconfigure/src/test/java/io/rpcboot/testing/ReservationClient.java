package io.rpcboot.testing;

import io.rpcboot.annotation.RpcClient;

@RpcClient(name = "inventory")
public interface ReservationClient {

    String reserve(String sku, int quantity);

}
