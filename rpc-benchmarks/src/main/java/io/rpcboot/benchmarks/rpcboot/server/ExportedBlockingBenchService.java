package io.rpcboot.benchmarks.rpcboot.server;

import java.util.List;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.BlockingBenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

@RpcService
class ExportedBlockingBenchService implements BlockingBenchService {

    @Override
    public Item echo(Item item) {
        return item;
    }

    @Override
    public List<Item> list(int n) {
        return Workload.items(n);
    }

}
