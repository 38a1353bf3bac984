package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcClientInterceptor;

/**
 * Observes every call a client makes as {@code rpc.client.requests} and writes the trace context
 * into the request metadata, so that the server's observation joins the caller's trace.
 */
public final class ObservationClientInterceptor implements RpcClientInterceptor, Ordered {

    private static final DefaultRpcClientObservationConvention DEFAULT_CONVENTION =
            new DefaultRpcClientObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable RpcClientObservationConvention convention;

    /**
     * Creates the interceptor.
     * @param registry the application's observation registry
     * @param convention a convention that replaces the default, or {@code null}
     */
    public ObservationClientInterceptor(ObservationRegistry registry,
            @Nullable RpcClientObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        if (this.registry.isNoop()) {
            return next.proceed();
        }
        RpcClientObservationContext context = new RpcClientObservationContext(call);
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context,
                this.registry);
        return ObservedInvocation.observe(observation, context::setStatus, next);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

}
