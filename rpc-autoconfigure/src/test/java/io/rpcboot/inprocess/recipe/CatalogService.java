package io.rpcboot.inprocess.recipe;

import io.rpcboot.annotation.RpcClient;

/**
 * The service a catalog application exports.
 */
@RpcClient(name = "catalog")
public interface CatalogService {

    Product find(String sku) throws ProductNotFoundException;

}
