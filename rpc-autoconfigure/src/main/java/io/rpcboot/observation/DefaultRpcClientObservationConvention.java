package io.rpcboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention of client call observations: named {@code rpc.client.requests},
 * with the low-cardinality keys {@code rpc.system}, {@code rpc.service},
 * {@code rpc.method} and {@code rpc.status}; spans are named {@code service/method}.
 */
public class DefaultRpcClientObservationConvention implements RpcClientObservationConvention {

    private final RpcObservations observations = new RpcObservations();

    @Override
    public String getName() {
        return RpcObservations.CLIENT_REQUESTS;
    }

    @Override
    public String getContextualName(RpcClientObservationContext context) {
        return this.observations.contextualName(context.getCall());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RpcClientObservationContext context) {
        return this.observations.keyValues(context.getCall(), context.getStatus());
    }

}
