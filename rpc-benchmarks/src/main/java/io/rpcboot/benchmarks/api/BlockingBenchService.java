package io.rpcboot.benchmarks.api;

import java.util.List;

import io.rpcboot.annotation.RpcClient;

/**
 * The workload of {@link BenchService} with rpcboot's default methods: not declared
 * {@code blocking = false}, so the server runs each call on its call executor (the
 * {@code rpc.server.max-threads} pool, or a virtual thread per call when
 * {@code spring.threads.virtual.enabled=true} on Java 21 or later), as it runs every
 * method that users do not mark.
 */
@RpcClient(name = "bench")
public interface BlockingBenchService {

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
