package io.rpcboot.benchmarks.rpcboot.client;

import org.springframework.stereotype.Component;

import io.rpcboot.benchmarks.api.BlockingBenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * A component of the calling application, as {@link BenchCaller}, calling the service
 * whose methods are rpcboot's default (blocking) ones.
 */
@Component
class BlockingBenchCaller {

    private final BlockingBenchService service;

    BlockingBenchCaller(BlockingBenchService service) {
        this.service = service;
    }

    boolean echo(long id) {
        Item sent = Workload.item(id);
        return sent.equals(this.service.echo(sent));
    }

    boolean list(int n) {
        return Workload.isList(this.service.list(n), n);
    }

}
