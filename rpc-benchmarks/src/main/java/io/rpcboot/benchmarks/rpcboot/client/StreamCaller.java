package io.rpcboot.benchmarks.rpcboot.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscription;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BaseSubscriber;

import io.rpcboot.benchmarks.SlowStream;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.ItemSequence;
import io.rpcboot.benchmarks.api.StreamService;

/**
 * A component of the calling application that consumes streams, as users write them: the
 * remote service is injected.
 */
@Component
class StreamCaller {

    private final StreamService service;

    StreamCaller(StreamService service) {
        this.service = service;
    }

    boolean stream(long firstId, int n) {
        ItemSequence sequence = new ItemSequence(firstId, n);
        this.service.stream(firstId, n).doOnNext(sequence::accept).blockLast();
        return sequence.isComplete();
    }

    SlowStream openSlowStream(long firstId, Duration interval) {
        AtomicLong received = new AtomicLong();
        ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor();
        BaseSubscriber<Item> consumer = new BaseSubscriber<>() {

            @Override
            // the requests stop when their executor shuts down
            @SuppressWarnings("FutureReturnValueIgnored")
            protected void hookOnSubscribe(Subscription subscription) {
                requests.scheduleAtFixedRate(() -> request(1), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            protected void hookOnNext(Item item) {
                received.incrementAndGet();
            }

        };
        this.service.endless(firstId).subscribe(consumer);
        return SlowStream.of(received::get, () -> {
            requests.shutdownNow();
            consumer.dispose();
        });
    }

}
