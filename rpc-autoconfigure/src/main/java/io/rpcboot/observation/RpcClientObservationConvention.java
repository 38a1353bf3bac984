package io.rpcboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of client call observations. Declare a bean of this type to
 * replace the {@linkplain DefaultRpcClientObservationConvention default}.
 */
public interface RpcClientObservationConvention extends ObservationConvention<RpcClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RpcClientObservationContext;
    }

}
