package io.rpcboot.benchmarks.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;

/**
 * The workload, as a plain Java interface: what rpcboot exports and calls, and what the
 * raw Netty baseline serves. gRPC serves the same calls from bench.proto, Spring MVC from
 * {@code BenchHttpClient}. Every method computes from memory and never blocks, so rpcboot
 * runs them on its I/O threads ({@code @RpcMethod(blocking = false)}), as the raw Netty
 * baseline and gRPC's {@code directExecutor()} would.
 */
@RpcClient(name = "bench")
public interface BenchService {

    /**
     * Returns the item it is given.
     * @param item an item
     * @return the same item
     */
    @RpcMethod(blocking = false)
    Item echo(Item item);

    /**
     * Returns {@code n} items, made by {@link Workload#items(int)}.
     * @param n how many
     * @return the items
     */
    @RpcMethod(blocking = false)
    List<Item> list(int n);

    /**
     * Returns the item it is given, asynchronously: the caller gets the future at once,
     * and many calls can be in flight from one thread. The server completes the future
     * before it returns it.
     * @param item an item
     * @return a future of the same item
     */
    @RpcMethod(blocking = false)
    CompletableFuture<Item> echoAsync(Item item);

}
