package io.rpcboot.streaming;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcService;

/**
 * The server side of {@link Ticker}: counts what its endless streams produced and whether
 * they were cancelled.
 */
@RpcService
public class TickerService implements Ticker {

    private final Map<String, AtomicLong> produced = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();

    final AtomicInteger lastCalls = new AtomicInteger();

    @Override
    public Flux<Integer> count(int n) {
        return Flux.range(0, n);
    }

    @Override
    public Flux<Integer> endless(String key) {
        AtomicLong count = produced(key);
        CountDownLatch cancel = cancelled(key);
        return Flux.<Integer>generate((sink) -> sink.next((int) count.getAndIncrement())).doOnCancel(cancel::countDown);
    }

    @Override
    public Flux<Integer> endlessWithDeadline(String key) {
        return endless(key);
    }

    @Override
    public Mono<Long> sum(Flux<Integer> numbers) {
        return numbers.reduce(0L, (sum, number) -> sum + number);
    }

    @Override
    public Flux<String> upper(Flux<String> words) {
        return words.map(String::toUpperCase);
    }

    @Override
    public Mono<String> last(String symbol) {
        return Mono.fromSupplier(() -> {
            this.lastCalls.incrementAndGet();
            return symbol + "!";
        });
    }

    @Override
    public Mono<String> nothing() {
        return Mono.empty();
    }

    @Override
    public Flux<Integer> failAfter(int n) throws TickerException {
        return Flux.range(0, n).concatWith(Flux.error(new TickerException("failed after " + n)));
    }

    @Override
    public Flux<Integer> crashAfter(int n) {
        return Flux.range(0, n).concatWith(Flux.error(new IllegalStateException("crashed after " + n)));
    }

    @Override
    public String hello(String name) {
        return "hello " + name;
    }

    AtomicLong produced(String key) {
        return this.produced.computeIfAbsent(key, (name) -> new AtomicLong());
    }

    CountDownLatch cancelled(String key) {
        return this.cancelled.computeIfAbsent(key, (name) -> new CountDownLatch(1));
    }

}
