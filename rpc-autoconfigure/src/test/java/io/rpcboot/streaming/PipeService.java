package io.rpcboot.streaming;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcService;

/**
 * The server side of {@link Pipe}: counts what its endless streams produced and whether
 * they were cancelled.
 */
@RpcService
public class PipeService implements Pipe {

    private final Map<String, AtomicLong> produced = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();

    private final Map<String, CompletableFuture<Void>> releases = new ConcurrentHashMap<>();

    @Override
    public Flux<String> texts(String key, int length) {
        AtomicLong count = produced(key);
        CountDownLatch cancel = cancelled(key);
        String text = "x".repeat(length);
        return Flux.<String>generate((sink) -> {
            count.incrementAndGet();
            sink.next(text);
        }).doOnCancel(cancel::countDown);
    }

    @Override
    public Flux<Integer> count(int n) {
        return Flux.range(0, n);
    }

    @Override
    public Mono<Long> countFirst(Flux<Integer> numbers, int n, String key) {
        return numbers.take(n).count().delayUntil((count) -> Mono.fromFuture(release(key)));
    }

    @Override
    public Flux<Integer> lengths(Flux<String> texts) {
        return texts.map(String::length);
    }

    CompletableFuture<Void> release(String key) {
        return this.releases.computeIfAbsent(key, (name) -> new CompletableFuture<>());
    }

    AtomicLong produced(String key) {
        return this.produced.computeIfAbsent(key, (name) -> new AtomicLong());
    }

    CountDownLatch cancelled(String key) {
        return this.cancelled.computeIfAbsent(key, (name) -> new CountDownLatch(1));
    }

}
