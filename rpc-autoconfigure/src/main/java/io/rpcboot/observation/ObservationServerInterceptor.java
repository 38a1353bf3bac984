package io.rpcboot.observation;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;

/**
 * Observes every call a server receives as {@code rpc.server.requests}, continuing the
 * caller's trace from the request metadata. Runs first, so that calls other interceptors
 * reject are observed too.
 */
public final class ObservationServerInterceptor extends ObservingInterceptor<RpcServerObservationContext>
        implements RpcServerInterceptor {

    private static final DefaultRpcServerObservationConvention DEFAULT_CONVENTION = new DefaultRpcServerObservationConvention();

    /**
     * Creates the interceptor.
     * @param registry the application's observation registry
     * @param convention a convention that replaces the default, or {@code null}
     */
    public ObservationServerInterceptor(ObservationRegistry registry,
            @Nullable RpcServerObservationConvention convention) {
        super(registry, convention, DEFAULT_CONVENTION);
    }

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        return observe(call, next);
    }

    @Override
    RpcServerObservationContext newContext(RpcCall call) {
        return new RpcServerObservationContext(call);
    }

    @Override
    void setStatus(RpcServerObservationContext context, RpcStatus status) {
        context.setStatus(status);
    }

}
