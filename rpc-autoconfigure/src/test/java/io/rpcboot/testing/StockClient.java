package io.rpcboot.testing;

import io.rpcboot.annotation.RpcClient;

@RpcClient(name = "inventory")
public interface StockClient {

    int inStock(String sku);

}
