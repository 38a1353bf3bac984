package io.rpcboot.testing;

import io.rpcboot.annotation.RpcClient;

/**
 * A client interface that is not public: the code Spring AOT generates for it lives in
 * another package.
 */
@RpcClient(name = "catalog")
interface InternalCatalog {

    Catalog.Item item(String sku) throws Catalog.UnknownItemException;

}
