package io.rpcboot.observation;

import io.micrometer.observation.transport.SenderContext;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcStatus;

/**
 * The observation context of a call a client makes. Trace context is written into the
 * request metadata.
 */
public final class RpcClientObservationContext extends SenderContext<RpcCall> {

    private RpcStatus status = RpcStatus.OK;

    /**
     * Creates a context for a call.
     * @param call the outgoing call
     */
    public RpcClientObservationContext(RpcCall call) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.requestMetadata().put(key, value);
            }
        });
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
