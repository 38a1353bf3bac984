package io.rpcboot.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.rpcboot.annotation.RpcService;

/**
 * The server side of {@link Feed}: counts what its endless streams produced, notes their
 * cancellation, and holds the second element of a gated stream until the test opens the
 * gate.
 */
@RpcService
public class FeedService implements Feed {

    private final Map<String, AtomicLong> produced = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();

    /** Opened by the test to let the second element of {@link #gated} go. */
    final CountDownLatch gate = new CountDownLatch(1);

    /** Counted down when the second element of {@link #gated} is emitted. */
    final CountDownLatch secondEmitted = new CountDownLatch(1);

    @Override
    public Flux<Integer> count(int n) {
        return Flux.range(0, n);
    }

    @Override
    public Flux<String> gated(String first, String second) {
        Mono<String> later = Mono.fromCallable(() -> {
            this.gate.await();
            this.secondEmitted.countDown();
            return second;
        }).subscribeOn(Schedulers.boundedElastic());
        return Flux.concat(Mono.just(first), later);
    }

    @Override
    public Flux<String> endless(String key, int size) {
        AtomicLong count = produced(key);
        CountDownLatch cancel = cancelled(key);
        String text = "x".repeat(size);
        return Flux.<String>generate((sink) -> sink.next(count.getAndIncrement() + ":" + text))
            .doOnCancel(cancel::countDown);
    }

    @Override
    public Mono<Long> sum(Flux<Integer> numbers) {
        return numbers.reduce(0L, (sum, number) -> sum + number);
    }

    @Override
    public Flux<String> prefix(String prefix, Flux<String> words) {
        return words.map((word) -> prefix + word);
    }

    @Override
    public Mono<Greeting> greet(String name) {
        return Mono.fromSupplier(() -> new Greeting("hello " + name));
    }

    @Override
    public Flux<Integer> failAfter(int n) throws FeedException {
        return Flux.range(0, n).concatWith(Flux.error(new FeedException("failed after " + n)));
    }

    AtomicLong produced(String key) {
        return this.produced.computeIfAbsent(key, (name) -> new AtomicLong());
    }

    CountDownLatch cancelled(String key) {
        return this.cancelled.computeIfAbsent(key, (name) -> new CountDownLatch(1));
    }

}
