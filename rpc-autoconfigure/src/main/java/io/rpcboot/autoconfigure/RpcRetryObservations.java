package io.rpcboot.autoconfigure;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.internal.client.RetryListener;
import io.rpcboot.observation.ObservationClientInterceptor;

/**
 * Records each failed attempt that could have been retried as an event of the call's
 * observation ({@code rpc.client.attempt.failed}), so that a trace shows the attempts a
 * call made and why each failed.
 */
final class RpcRetryObservations implements RetryListener {

    static final String EVENT_NAME = "rpc.client.attempt.failed";

    @Override
    public void attemptFailed(RetryEvent event, @Nullable RpcCall call) {
        if (call == null || !(call
            .getAttribute(ObservationClientInterceptor.OBSERVATION_ATTRIBUTE) instanceof Observation observation)) {
            return;
        }
        observation.event(Observation.Event.of(EVENT_NAME, "attempt " + event.attempt() + " failed with "
                + event.status() + (event.notProcessed() ? " (not processed)" : "") + ": " + event.outcome().tag()));
    }

}
