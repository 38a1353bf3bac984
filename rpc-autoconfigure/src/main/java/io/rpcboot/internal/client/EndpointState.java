package io.rpcboot.internal.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * What a client knows about one endpoint of a service.
 *
 * @param address the endpoint's resolved address
 * @param name the host name it was resolved from, {@code null} when it was configured as
 * an address
 * @param status whether it is connected, idle or ejected
 * @param lastFailure why the last connection attempt failed or the last connection
 * dropped, {@code null} when it did not or there was none
 * @param payloadFormat the format requests are sent in on the open connection,
 * {@code null} when there is none
 * @param nextAttemptIn how long until an ejected endpoint is tried again, {@code null}
 * when it is not ejected
 */
public record EndpointState(EndpointAddress address, @Nullable String name, Status status, @Nullable String lastFailure,
        @Nullable PayloadFormat payloadFormat, @Nullable Duration nextAttemptIn) {

    /**
     * Returns whether a connection to the endpoint is open and usable.
     * @return whether it is connected
     */
    public boolean connected() {
        return this.status == Status.CONNECTED;
    }

    /**
     * Returns the state as a word: {@code CONNECTED}, {@code IDLE} or {@code EJECTED}.
     * @return the state
     */
    public String state() {
        return this.status.name();
    }

    /**
     * The states of an endpoint.
     */
    public enum Status {

        /** A connection is open and takes calls. */
        CONNECTED,

        /** No connection yet, or it was closed; the next call opens one. */
        IDLE,

        /**
         * A connection attempt failed or the connection dropped: no call goes to it until
         * its backoff elapses; the next call after that tries it again.
         */
        EJECTED

    }

}
