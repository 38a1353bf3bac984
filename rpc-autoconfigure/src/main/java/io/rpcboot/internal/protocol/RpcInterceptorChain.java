package io.rpcboot.internal.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcInterceptor;

/**
 * Runs a call through an ordered list of interceptors. Built once per server or client; a
 * call allocates one small invocation per interceptor.
 */
public final class RpcInterceptorChain {

    private static final RpcInterceptorChain EMPTY = new RpcInterceptorChain(List.of());

    private final RpcInterceptor[] interceptors;

    private RpcInterceptorChain(List<? extends RpcInterceptor> interceptors) {
        this.interceptors = interceptors.toArray(new RpcInterceptor[0]);
    }

    /**
     * Creates a chain.
     * @param interceptors the interceptors, outermost first
     * @return the chain
     */
    public static RpcInterceptorChain of(List<? extends RpcInterceptor> interceptors) {
        return interceptors.isEmpty() ? EMPTY : new RpcInterceptorChain(interceptors);
    }

    /**
     * Returns whether the chain has no interceptor.
     * @return whether it is empty
     */
    public boolean isEmpty() {
        return this.interceptors.length == 0;
    }

    /**
     * Runs a call through the chain.
     * @param call the call
     * @param terminal the call itself
     * @return the result
     * @throws Throwable the failure
     */
    public @Nullable Object invoke(RpcCall call, RpcInterceptor.Invocation terminal) throws Throwable {
        return proceed(0, call, terminal);
    }

    /**
     * Runs a call through the chain, checking each interceptor's return: a check that
     * throws fails the call there, so that the interceptors around it see the failure.
     * @param call the call
     * @param terminal the call itself
     * @param check called each time an interceptor returns normally
     * @return the result
     * @throws Throwable the failure
     */
    public @Nullable Object invoke(RpcCall call, RpcInterceptor.Invocation terminal, ReturnCheck check)
            throws Throwable {
        return proceed(0, call, terminal, check);
    }

    private @Nullable Object proceed(int index, RpcCall call, RpcInterceptor.Invocation terminal) throws Throwable {
        if (index == this.interceptors.length) {
            return terminal.proceed();
        }
        return this.interceptors[index].intercept(call, () -> proceed(index + 1, call, terminal));
    }

    private @Nullable Object proceed(int index, RpcCall call, RpcInterceptor.Invocation terminal, ReturnCheck check)
            throws Throwable {
        if (index == this.interceptors.length) {
            return terminal.proceed();
        }
        Object result = this.interceptors[index].intercept(call, () -> proceed(index + 1, call, terminal, check));
        check.returned();
        return result;
    }

    /**
     * Checks an interceptor's normal return.
     */
    @FunctionalInterface
    public interface ReturnCheck {

        /**
         * An interceptor returned normally.
         * @throws RuntimeException to fail the call where the interceptor returned
         */
        void returned();

    }

}
