package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of server call observations. Declare a bean of this type to
 * replace the {@linkplain DefaultRpcServerObservationConvention default}.
 */
public interface RpcServerObservationConvention extends ObservationConvention<RpcServerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RpcServerObservationContext;
    }

}
