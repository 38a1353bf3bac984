package io.rpcboot.internal.client;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;

/**
 * How the result of a client method reaches its caller: returned or thrown on the
 * caller's thread ({@link BlockingInvoker}), or through a {@code CompletableFuture}
 * ({@link FutureInvoker}). Chosen once per method, from its return type.
 */
interface ClientInvoker {

    /**
     * Makes the call.
     * @param method the method called
     * @param arguments the arguments, {@code null} for none
     * @param timeoutNanos the call's timeout
     * @param metadata the request metadata
     * @param rpcCall the call as interceptors see it, {@code null} without interceptors
     * @return what the proxy method returns
     * @throws Throwable what the proxy method throws
     */
    @Nullable Object call(ClientMethod method, Object @Nullable [] arguments, long timeoutNanos, Map<String, String> metadata,
            @Nullable RpcCall rpcCall) throws Throwable;

    /**
     * Hands a failure that happened before the call was made (an inherited deadline that
     * passed, an interceptor that refused the call) to the caller.
     * @param failure the failure
     * @return what the proxy method returns
     * @throws Throwable what the proxy method throws
     */
    @Nullable Object failed(Throwable failure) throws Throwable;

}
