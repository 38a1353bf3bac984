package io.rpcboot.benchmarks.rpcboot.server;

import reactor.core.publisher.Flux;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.EndlessItems;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.StreamService;
import io.rpcboot.benchmarks.api.Workload;

@RpcService
class ExportedStreamService implements StreamService {

    @Override
    public Flux<Item> stream(long firstId, int n) {
        return Flux.range(0, n).map((i) -> Workload.item(firstId + i));
    }

    @Override
    public Flux<Item> endless(long firstId) {
        return Flux.generate(() -> firstId, (id, sink) -> {
            EndlessItems.produced();
            sink.next(Workload.item(id));
            return id + 1;
        });
    }

}
