package io.rpcboot.benchmarks.soak.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * The benchmark's service, as the rpcboot stack's server exports it: what the
 * well-behaved load calls.
 */
@RpcService
class SoakBenchService implements BenchService {

    @Override
    public Item echo(Item item) {
        return item;
    }

    @Override
    public List<Item> list(int n) {
        return Workload.items(n);
    }

    @Override
    public CompletableFuture<Item> echoAsync(Item item) {
        return CompletableFuture.completedFuture(item);
    }

}
