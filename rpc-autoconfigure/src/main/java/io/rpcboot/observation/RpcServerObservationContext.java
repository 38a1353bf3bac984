package io.rpcboot.observation;

import io.micrometer.observation.transport.ReceiverContext;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcStatus;

/**
 * The observation context of a call a server receives. Trace context is read from the
 * request metadata.
 */
public final class RpcServerObservationContext extends ReceiverContext<RpcCall> {

    private RpcStatus status = RpcStatus.OK;

    /**
     * Creates a context for a call.
     * @param call the call being served
     */
    public RpcServerObservationContext(RpcCall call) {
        super((carrier, key) -> carrier.requestMetadata().get(key));
        setCarrier(call);
    }

    /**
     * Returns the call.
     * @return the call
     */
    public RpcCall getCall() {
        RpcCall call = getCarrier();
        if (call == null) {
            throw RpcObservations.noCall();
        }
        return call;
    }

    /**
     * Returns the status the call ended with; {@link RpcStatus#OK} until it ends.
     * @return the status
     */
    public RpcStatus getStatus() {
        return this.status;
    }

    void setStatus(RpcStatus status) {
        this.status = status;
    }

}
