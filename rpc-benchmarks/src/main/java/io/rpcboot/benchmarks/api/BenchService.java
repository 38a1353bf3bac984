package io.rpcboot.benchmarks.api;

import java.util.List;

import io.rpcboot.annotation.RpcClient;

/**
 * The workload, as a plain Java interface: what rpcboot exports and calls, and what the raw Netty
 * baseline serves. gRPC serves the same calls from bench.proto, Spring MVC from
 * {@code BenchHttpClient}.
 */
@RpcClient(name = "bench")
public interface BenchService {

    /**
     * Returns the item it is given.
     * @param item an item
     * @return the same item
     */
    Item echo(Item item);

    /**
     * Returns {@code n} items, made by {@link Workload#items(int)}.
     * @param n how many
     * @return the items
     */
    List<Item> list(int n);

}
