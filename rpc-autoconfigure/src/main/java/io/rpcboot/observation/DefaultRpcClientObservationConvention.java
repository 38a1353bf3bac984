package io.rpcboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention of client call observations: named {@code rpc.client.requests},
 * with the low-cardinality keys {@code rpc.system}, {@code rpc.service},
 * {@code rpc.method} and {@code rpc.status}; spans are named {@code service/method}. A
 * stream call is one observation from its subscription to the end of its streams, with
 * the high-cardinality keys {@code rpc.messages.sent} and {@code rpc.messages.received}.
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

    @Override
    public KeyValues getHighCardinalityKeyValues(RpcClientObservationContext context) {
        return RpcObservations.messageCounts(context.getCall());
    }

}
