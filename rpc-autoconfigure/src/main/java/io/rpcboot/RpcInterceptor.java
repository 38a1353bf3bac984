package io.rpcboot;

import org.jspecify.annotations.Nullable;

/**
 * Runs around remote calls. Implement {@link RpcServerInterceptor} or
 * {@link RpcClientInterceptor} and declare the implementation as a bean; several are
 * ordered with {@code @Order} (lowest first, outermost).
 * <p>
 * An interceptor may read and add metadata, reject the call by throwing an
 * {@link RpcException} with the status the caller should see (for example
 * {@code UNAUTHENTICATED}), and observe the outcome: {@code next.proceed()} returns the
 * result or throws the failure. For methods returning {@code CompletableFuture}, it
 * returns the future, whose completion is the outcome.
 */
@FunctionalInterface
public interface RpcInterceptor {

    /**
     * Intercepts a call.
     * @param call the call
     * @param next the rest of the chain, ending with the call itself
     * @return the result, as returned by {@code next.proceed()} or a replacement
     * @throws Throwable the failure of the call, or an {@link RpcException} that rejects
     * it
     */
    @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable;

    /**
     * The rest of an interceptor chain.
     */
    @FunctionalInterface
    interface Invocation {

        /**
         * Runs the next interceptor, or the call itself after the last one.
         * @return the result
         * @throws Throwable the failure
         */
        @Nullable Object proceed() throws Throwable;

    }

}
