package io.rpcboot.demo.order;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.demo.api.StockLevel;

/**
 * One browser's stream of stock levels as server-sent events: each {@link StockLevel} is
 * an event whose data is the level as JSON, and a comment goes out when nothing else did
 * for a while, so that a browser that left is noticed (the write fails) and its
 * subscription to the inventory cancelled.
 * <p>
 * The response starts only once the first level (the current one) has arrived: until then
 * a failure, such as an unknown SKU or an unreachable inventory, can still be answered
 * with an HTTP error status instead of an empty stream that a browser's
 * {@code EventSource} would reopen again and again.
 */
final class StockEventStream extends BaseSubscriber<StockEventStream.Event> {

    private static final Logger logger = LoggerFactory.getLogger(StockEventStream.class);

    // No timeout: the stream lasts until the browser leaves or the inventory ends it.
    private final SseEmitter emitter = new SseEmitter(0L);

    private final CompletableFuture<SseEmitter> firstLevel = new CompletableFuture<>();

    private final String sku;

    private StockEventStream(String sku) {
        this.sku = sku;
    }

    /**
     * Subscribes to a SKU's stock levels and sends them as events.
     * @param sku the SKU, for the log
     * @param levels the levels, from the inventory
     * @param heartbeat how long without an event before a comment is sent
     * @param firstLevelTimeout how long to wait for the first level
     * @return the stream, sending
     */
    static StockEventStream open(String sku, Flux<StockLevel> levels, Duration heartbeat, Duration firstLevelTimeout) {
        StockEventStream stream = new StockEventStream(sku);
        Flux<Event> events = levels.timeout(Mono.delay(firstLevelTimeout), (level) -> Flux.never(),
                Flux.error(() -> new RpcException(RpcStatus.DEADLINE_EXCEEDED,
                        "no stock level of '" + sku + "' within " + firstLevelTimeout)))
            .map(Event::of);
        Flux<Event> heartbeats = Flux.interval(heartbeat, heartbeat)
            .onBackpressureDrop()
            .map((tick) -> Event.HEARTBEAT);
        // Writing to the response blocks, and the rpcboot client delivers on its I/O
        // thread:
        // the events are written from a worker thread, one at a time. Asking the
        // inventory
        // for one level at a time holds it back when the browser reads slowly; it then
        // skips
        // to the latest level rather than queueing them.
        Flux.merge(events, heartbeats).publishOn(Schedulers.boundedElastic(), 1).subscribe(stream);
        stream.emitter.onCompletion(stream::dispose);
        stream.emitter.onTimeout(stream::dispose);
        stream.emitter.onError((ex) -> stream.dispose());
        return stream;
    }

    /**
     * Waits for the first level, which is then ready to be sent.
     * @return the emitter to answer the request with
     * @throws RuntimeException the failure of the stream before its first level, such as
     * {@link io.rpcboot.demo.api.UnknownSkuException} or {@link RpcException}
     */
    SseEmitter awaitFirstLevel() {
        try {
            return this.firstLevel.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw ex;
        }
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        request(1);
    }

    @Override
    protected void hookOnNext(Event event) {
        try {
            this.emitter.send(event.toSse());
        }
        catch (IOException | IllegalStateException ex) {
            // The browser left (or the response is complete): stop watching.
            logger.debug("Stock events of {} ended: {}", this.sku, ex.toString());
            dispose();
            return;
        }
        if (event.level() != null) {
            this.firstLevel.complete(this.emitter);
        }
        request(1);
    }

    @Override
    protected void hookOnError(Throwable failure) {
        if (!this.firstLevel.completeExceptionally(failure)) {
            // Already streaming: the status line is sent, so end the response; a
            // browser's
            // EventSource opens it again and gets an error status while the inventory is
            // away.
            logger.warn("Stock events of {} ended: {}", this.sku, failure.getMessage());
            this.emitter.complete();
        }
    }

    @Override
    protected void hookOnComplete() {
        this.firstLevel.completeExceptionally(
                new RpcException(RpcStatus.UNAVAILABLE, "the stock levels of '" + this.sku + "' ended"));
        this.emitter.complete();
    }

    @Override
    protected void hookOnCancel() {
        this.firstLevel.cancel(false);
    }

    /**
     * A stock level to send, or a heartbeat.
     *
     * @param level the level, {@code null} for a heartbeat
     */
    record Event(@Nullable StockLevel level) {

        static final Event HEARTBEAT = new Event(null);

        static Event of(StockLevel level) {
            return new Event(level);
        }

        SseEmitter.SseEventBuilder toSse() {
            return (this.level != null) ? SseEmitter.event().data(this.level, MediaType.APPLICATION_JSON)
                    : SseEmitter.event().comment("keep-alive");
        }

    }

}
