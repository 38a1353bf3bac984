package io.rpcboot.benchmarks.api;

import reactor.core.publisher.Flux;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;

/**
 * The streaming workload, as a plain Java interface: rpcboot exports and calls it; gRPC
 * serves the same streams from bench.proto. Both methods compute from memory and never
 * block, so rpcboot runs them on its I/O threads ({@code @RpcMethod(blocking = false)}),
 * as gRPC's {@code directExecutor()} does.
 */
@RpcClient(name = "bench")
public interface StreamService {

    /**
     * Streams {@code n} items, {@code Workload.item(firstId)},
     * {@code Workload.item(firstId + 1)} and so on: the echo item, one message each.
     * @param firstId the first item's id
     * @param n how many
     * @return the items
     */
    @RpcMethod(blocking = false)
    Flux<Item> stream(long firstId, int n);

    /**
     * Streams items without end, for as long as the caller stays subscribed, as fast as
     * the caller asks for them; each one counts in {@link EndlessItems}.
     * @param firstId the first item's id
     * @return the items
     */
    @RpcMethod(blocking = false)
    Flux<Item> endless(long firstId);

}
