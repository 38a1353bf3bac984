package io.rpcboot.benchmarks.rpcboot.client;

import org.springframework.stereotype.Component;

import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * A component of the calling application, as users write them: the remote service is
 * injected.
 */
@Component
class BenchCaller {

    private final BenchService service;

    BenchCaller(BenchService service) {
        this.service = service;
    }

    boolean echo(long id) {
        Item sent = Workload.item(id);
        return sent.equals(this.service.echo(sent));
    }

    boolean list(int n) {
        return Workload.isList(this.service.list(n), n);
    }

    void echoAsync(long id, StackClient.Answered answered) {
        Item sent = Workload.item(id);
        this.service.echoAsync(sent)
            .whenComplete((answer, failure) -> answered.answered(failure == null && sent.equals(answer), failure));
    }

}
