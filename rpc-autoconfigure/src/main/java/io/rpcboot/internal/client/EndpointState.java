package io.rpcboot.internal.client;

import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * What a client knows about one endpoint of a service.
 *
 * @param address the endpoint
 * @param connected whether a connection to it is open and usable
 * @param lastFailure why the last connection attempt failed, {@code null} when it did not
 * fail or was never made
 * @param payloadFormat the format requests are sent in on the open connection,
 * {@code null} when there is none
 */
public record EndpointState(EndpointAddress address, boolean connected, @Nullable String lastFailure,
        @Nullable PayloadFormat payloadFormat) {

    /**
     * Returns the state as a word: {@code CONNECTED}, {@code UNREACHABLE} (the last
     * attempt failed) or {@code IDLE} (no connection yet, or it was closed).
     * @return the state
     */
    public String state() {
        if (this.connected) {
            return "CONNECTED";
        }
        return (this.lastFailure != null) ? "UNREACHABLE" : "IDLE";
    }

}
