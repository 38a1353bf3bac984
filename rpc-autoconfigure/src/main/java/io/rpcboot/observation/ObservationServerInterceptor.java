package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcServerInterceptor;

/**
 * Observes every call a server receives as {@code rpc.server.requests}, continuing the caller's
 * trace from the request metadata. Runs first, so that calls other interceptors reject are
 * observed too.
 */
public final class ObservationServerInterceptor implements RpcServerInterceptor, Ordered {

    private static final DefaultRpcServerObservationConvention DEFAULT_CONVENTION =
            new DefaultRpcServerObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable RpcServerObservationConvention convention;

    /**
     * Creates the interceptor.
     * @param registry the application's observation registry
     * @param convention a convention that replaces the default, or {@code null}
     */
    public ObservationServerInterceptor(ObservationRegistry registry,
            @Nullable RpcServerObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        if (this.registry.isNoop()) {
            return next.proceed();
        }
        RpcServerObservationContext context = new RpcServerObservationContext(call);
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context,
                this.registry);
        return ObservedInvocation.observe(observation, context::setStatus, next);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

}
