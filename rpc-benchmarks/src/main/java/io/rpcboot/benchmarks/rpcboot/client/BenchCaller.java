package io.rpcboot.benchmarks.rpcboot.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.BlockingBenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * A component of the calling application, as users write them: it calls the injected
 * {@code @RpcClient} proxy ({@link BenchService}, or {@link BlockingBenchService} for the
 * stacks of default methods) and checks every answer.
 */
final class BenchCaller {

    private final UnaryOperator<Item> echo;

    private final IntFunction<List<Item>> list;

    private final @Nullable Function<Item, CompletableFuture<Item>> echoAsync;

    private BenchCaller(UnaryOperator<Item> echo, IntFunction<List<Item>> list,
            @Nullable Function<Item, CompletableFuture<Item>> echoAsync) {
        this.echo = echo;
        this.list = list;
        this.echoAsync = echoAsync;
    }

    /**
     * Creates the caller of the workload's non-blocking methods.
     * @param service the proxy
     * @return the caller
     */
    static BenchCaller of(BenchService service) {
        return new BenchCaller(service::echo, service::list, service::echoAsync);
    }

    /**
     * Creates the caller of the workload's default (blocking) methods, unary calls only.
     * @param service the proxy
     * @return the caller
     */
    static BenchCaller of(BlockingBenchService service) {
        return new BenchCaller(service::echo, service::list, null);
    }

    boolean echo(long id) {
        Item sent = Workload.item(id);
        return sent.equals(this.echo.apply(sent));
    }

    boolean list(int n) {
        return Workload.isList(this.list.apply(n), n);
    }

    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    void echoAsync(long id, StackClient.Answered answered) {
        Function<Item, CompletableFuture<Item>> call = this.echoAsync;
        if (call == null) {
            throw new UnsupportedOperationException("This stack has no asynchronous call");
        }
        Item sent = Workload.item(id);
        call.apply(sent)
            .whenComplete((answer, failure) -> answered.answered(failure == null && sent.equals(answer), failure));
    }

}
