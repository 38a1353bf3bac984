package io.rpcboot.internal.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The only code that touches Reactor's types: loaded only for methods that declare them,
 * so that an application without reactor-core never loads it.
 */
public final class ReactorAdapters {

    private ReactorAdapters() {
    }

    /**
     * Wraps a publisher in a {@code Flux}.
     * @param publisher a Reactive Streams publisher
     * @return the {@code Flux}
     */
    @SuppressWarnings("unchecked")
    public static Object flux(Object publisher) {
        return Flux.from((Publisher<Object>) publisher);
    }

    /**
     * Wraps a publisher of at most one element in a {@code Mono}.
     * @param publisher a Reactive Streams publisher
     * @return the {@code Mono}
     */
    @SuppressWarnings("unchecked")
    public static Object mono(Object publisher) {
        return Mono.from((Publisher<Object>) publisher);
    }

    /**
     * Subscribes to a {@code Mono}: its value (or {@code null} when it is empty)
     * completes the future; cancelling the future cancels the subscription.
     * @param mono a {@code Mono}
     * @return the future
     */
    public static CompletableFuture<?> toFuture(Object mono) {
        return ((Mono<?>) mono).toFuture();
    }

    /**
     * Returns a cold {@code Mono} that starts a call when subscribed to and cancels it
     * when the subscription is cancelled.
     * @param call starts the call
     * @return the {@code Mono}
     */
    public static Object lazyMono(Supplier<? extends CompletableFuture<?>> call) {
        return Mono.fromFuture(call, false);
    }

    /**
     * Returns a stream that fails at once.
     * @param flux whether a {@code Flux} rather than a {@code Mono}
     * @param failure the failure
     * @return the {@code Flux} or {@code Mono}
     */
    public static Object error(boolean flux, Throwable failure) {
        return flux ? Flux.error(failure) : Mono.error(failure);
    }

}
