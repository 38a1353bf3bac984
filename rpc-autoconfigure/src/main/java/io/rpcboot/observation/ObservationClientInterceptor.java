package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcStatus;

/**
 * Observes every call a client makes as {@code rpc.client.requests} and writes the trace
 * context into the request metadata, so that the server's observation joins the caller's
 * trace.
 */
public final class ObservationClientInterceptor extends ObservingInterceptor<RpcClientObservationContext>
        implements RpcClientInterceptor {

    /**
     * The name of the {@link RpcCall} attribute that holds the call's
     * {@link Observation}, so that what happens within the call (each retry of it) can be
     * recorded on it.
     */
    public static final String OBSERVATION_ATTRIBUTE = Observation.class.getName();

    private static final DefaultRpcClientObservationConvention DEFAULT_CONVENTION = new DefaultRpcClientObservationConvention();

    /**
     * Creates the interceptor.
     * @param registry the application's observation registry
     * @param convention a convention that replaces the default, or {@code null}
     */
    public ObservationClientInterceptor(ObservationRegistry registry,
            @Nullable RpcClientObservationConvention convention) {
        super(registry, convention, DEFAULT_CONVENTION);
    }

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        return observe(call, next);
    }

    @Override
    void created(RpcCall call, Observation observation) {
        call.setAttribute(OBSERVATION_ATTRIBUTE, observation);
    }

    @Override
    RpcClientObservationContext newContext(RpcCall call) {
        return new RpcClientObservationContext(call);
    }

    @Override
    void setStatus(RpcClientObservationContext context, RpcStatus status) {
        context.setStatus(status);
    }

}
