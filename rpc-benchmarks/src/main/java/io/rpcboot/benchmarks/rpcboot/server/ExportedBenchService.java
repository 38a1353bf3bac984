package io.rpcboot.benchmarks.rpcboot.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

@RpcService
class ExportedBenchService implements BenchService {

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
