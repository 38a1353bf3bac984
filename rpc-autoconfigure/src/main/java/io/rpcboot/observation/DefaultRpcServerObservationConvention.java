package io.rpcboot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default convention of server call observations: named {@code rpc.server.requests},
 * with the low-cardinality keys {@code rpc.system}, {@code rpc.service},
 * {@code rpc.method} and {@code rpc.status}; spans are named {@code service/method}. A
 * stream call is one observation from its start to the end of its streams, with the
 * high-cardinality keys {@code rpc.messages.sent} and {@code rpc.messages.received}.
 */
public class DefaultRpcServerObservationConvention implements RpcServerObservationConvention {

    private final RpcObservations observations = new RpcObservations();

    @Override
    public String getName() {
        return RpcObservations.SERVER_REQUESTS;
    }

    @Override
    public String getContextualName(RpcServerObservationContext context) {
        return this.observations.contextualName(context.getCall());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RpcServerObservationContext context) {
        return this.observations.keyValues(context.getCall(), context.getStatus());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(RpcServerObservationContext context) {
        return RpcObservations.messageCounts(context.getCall());
    }

}
