package io.rpcboot.benchmarks.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The workload's service as every server of it computes it, from memory and without
 * blocking: the item back, the {@link Workload#items(int) n items}, the item back in a
 * completed future. The rpcboot servers export a subclass as their {@code @RpcService}
 * bean, behind {@link BenchService} and, with the same bodies, behind
 * {@link BlockingBenchService}.
 */
public class WorkloadBenchService implements BenchService {

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
