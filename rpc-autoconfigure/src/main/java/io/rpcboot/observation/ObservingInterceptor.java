package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcInterceptor;
import io.rpcboot.RpcStatus;

/**
 * What the server and client observation interceptors share: the registry, the
 * conventions, a short-circuit when the registry observes nothing, and the order (first,
 * so that calls other interceptors reject are observed too).
 *
 * @param <C> the observation context
 */
abstract class ObservingInterceptor<C extends Observation.Context> implements Ordered {

    private final ObservationRegistry registry;

    private final @Nullable ObservationConvention<C> convention;

    private final ObservationConvention<C> defaultConvention;

    ObservingInterceptor(ObservationRegistry registry, @Nullable ObservationConvention<C> convention,
            ObservationConvention<C> defaultConvention) {
        this.registry = registry;
        this.convention = convention;
        this.defaultConvention = defaultConvention;
    }

    final @Nullable Object observe(RpcCall call, RpcInterceptor.Invocation next) throws Throwable {
        if (this.registry.isNoop()) {
            return next.proceed();
        }
        C context = newContext(call);
        Observation observation = Observation.createNotStarted(this.convention, this.defaultConvention, () -> context,
                this.registry);
        created(call, observation);
        return ObservedInvocation.observe(observation, (status) -> setStatus(context, status), next);
    }

    abstract C newContext(RpcCall call);

    /**
     * Called with the observation of a call before it starts.
     * @param call the call
     * @param observation its observation
     */
    void created(RpcCall call, Observation observation) {
    }

    abstract void setStatus(C context, RpcStatus status);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

}
