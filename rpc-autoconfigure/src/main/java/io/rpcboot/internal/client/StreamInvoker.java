package io.rpcboot.internal.client;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

import io.rpcboot.RpcCall;
import io.rpcboot.internal.protocol.ReactorAdapters;

/**
 * Calls a streaming method: the caller gets a cold {@code Flux} (or, for a method with a
 * stream parameter and one result, a {@code Mono}); each subscription makes one call
 * ({@link ClientStreamCall}). Loaded only for streaming methods.
 */
final class StreamInvoker implements ClientInvoker {

    private final boolean flux;

    private final CallbackBatches callbacks;

    StreamInvoker(boolean flux, CallbackBatches callbacks) {
        this.flux = flux;
        this.callbacks = callbacks;
    }

    @Override
    public Object call(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos,
            Map<String, String> metadata, @Nullable RpcCall rpcCall) {
        Publisher<Object> calls = (
                subscriber) -> new ClientStreamCall(method, arguments, timeoutNanos, metadata, this.callbacks)
                    .start(subscriber);
        return this.flux ? ReactorAdapters.flux(calls) : ReactorAdapters.mono(calls);
    }

    @Override
    public Object failed(Throwable failure) {
        return ReactorAdapters.error(this.flux, failure);
    }

}
