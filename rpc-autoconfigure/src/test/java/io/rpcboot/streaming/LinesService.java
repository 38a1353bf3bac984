package io.rpcboot.streaming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcService;

/**
 * The server side of {@link Lines}: notes the threads its subscribers ran on, and blocks
 * on the first line of {@link #count} until {@link #release} is counted down.
 */
@RpcService
public class LinesService implements Lines {

    final List<String> elementThreads = new CopyOnWriteArrayList<>();

    final CountDownLatch firstLine = new CountDownLatch(1);

    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Mono<Long> count(Flux<String> lines) {
        return lines.doOnNext((line) -> {
            this.elementThreads.add(Thread.currentThread().getName());
            if (this.firstLine.getCount() > 0) {
                this.firstLine.countDown();
                awaitRelease(); // as a JDBC insert per line blocks
            }
        }).count();
    }

    @Override
    public Mono<Long> countOnEventLoop(Flux<String> lines) {
        return lines.doOnNext((line) -> this.elementThreads.add(Thread.currentThread().getName())).count();
    }

    @Override
    public Flux<String> lines(int n) {
        return Flux.fromStream(IntStream.range(0, n).mapToObj((i) -> "line " + i));
    }

    @Override
    public String echo(String text) {
        return text;
    }

    private void awaitRelease() {
        try {
            this.release.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
