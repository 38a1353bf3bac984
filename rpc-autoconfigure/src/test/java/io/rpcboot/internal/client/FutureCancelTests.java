package io.rpcboot.internal.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rpcboot.internal.protocol.FrameType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller that gives up an asynchronous call by completing its future with a
 * {@link CancellationException} (as a cancel does) stops the call on the server too,
 * whichever way it cancels.
 */
class FutureCancelTests {

    private final EmbeddedClient client = new EmbeddedClient().handshake();

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void callCompletedWithACancellationIsCancelledOnTheServer() {
        CompletableFuture<String> result = this.client.call("unwanted");
        int id = this.client.requestIds().get(0);
        result.completeExceptionally(new CancellationException("not needed any more"));
        assertThat(this.client.written()).containsExactly(new EmbeddedClient.Written(FrameType.CANCEL, id));
    }

    @Test
    void callCompletedOtherwiseByItsCallerIsLeftToRun() {
        CompletableFuture<String> result = this.client.call("kept");
        this.client.requestIds();
        result.complete("a value of the caller's own");
        assertThat(this.client.written()).as("frames written").isEmpty();
    }

}
