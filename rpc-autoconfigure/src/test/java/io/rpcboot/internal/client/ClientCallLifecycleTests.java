package io.rpcboot.internal.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.FrameType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's transitions in the orders that sockets cannot force: the test runs the
 * connection's event loop and the callback executor step by step.
 */
class ClientCallLifecycleTests {

    private final EmbeddedClient client = new EmbeddedClient().handshake();

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void cancellingAfterTheAnswerArrivedReleasesItsPayloadExactlyOnce() {
        CompletableFuture<String> result = this.client.call("report");
        int id = this.client.requestIds().get(0);
        ByteBuf payload = EmbeddedClient.json("done").retain(); // the test keeps a
                                                                // reference to watch it
        this.client.answer(id, payload); // the decode is now queued on the callback
                                         // executor
        result.cancel(true);
        this.client.runCallbacks();
        assertThat(payload.refCnt()).as("references left: the client released the payload once").isEqualTo(1);
        payload.release();
    }

    @Test
    void answerDecodedOnTheCallbackExecutor() {
        CompletableFuture<String> result = this.client.call("report");
        this.client.answer(this.client.requestIds().get(0), EmbeddedClient.json("done"));
        assertThat(result).isNotDone();
        this.client.runCallbacks();
        assertThat(result).isCompletedWithValue("done");
    }

    @Test
    void callCancelledBeforeItsWriteRanIsNeverSent() {
        CompletableFuture<String> result = this.client.call("unwanted");
        result.cancel(true); // the write is still queued on the event loop
        assertThat(this.client.written()).as("frames written").isEmpty();
        assertThat(result).isCancelled();
    }

    @Test
    void callCancelledWhileConnectingIsNeverSent() {
        try (EmbeddedClient connecting = new EmbeddedClient()) {
            CompletableFuture<String> result = connecting.call("unwanted");
            result.cancel(true);
            connecting.handshake();
            assertThat(connecting.written()).as("frames written").isEmpty();
        }
    }

    @Test
    void callCancelledAfterItsWriteIsCancelledOnTheServer() {
        CompletableFuture<String> result = this.client.call("unwanted");
        int id = this.client.requestIds().get(0);
        result.cancel(true);
        assertThat(this.client.written()).containsExactly(new EmbeddedClient.Written(FrameType.CANCEL, id));
        ByteBuf late = EmbeddedClient.json("too late");
        this.client.answer(id, late);
        assertThat(late.refCnt()).as("a late answer is released").isZero();
    }

    @Test
    void requestIdsNeverWrapTheConnectionDrainsInstead() throws Exception {
        try (EmbeddedClient nearTheEnd = new EmbeddedClient(Integer.MAX_VALUE - 2, Integer.MAX_VALUE - 1)) {
            nearTheEnd.handshake();
            CompletableFuture<String> first = nearTheEnd.call("first");
            assertThat(nearTheEnd.requestIds()).containsExactly(Integer.MAX_VALUE - 2);
            assertThat(nearTheEnd.connection.isUsable()).isTrue();
            CompletableFuture<String> second = nearTheEnd.call("second");
            assertThat(nearTheEnd.requestIds()).containsExactly(Integer.MAX_VALUE - 1);
            assertThat(nearTheEnd.connection.isUsable()).as("usable for new calls after the drain threshold").isFalse();
            // calls already on their way to this connection still get the ids left
            CompletableFuture<String> third = nearTheEnd.call("third");
            assertThat(nearTheEnd.requestIds()).containsExactly(Integer.MAX_VALUE);
            CompletableFuture<String> fourth = nearTheEnd.call("fourth");
            assertThat(nearTheEnd.requestIds()).as("requests written once the ids ran out").isEmpty();
            nearTheEnd.runCallbacks();
            assertThat(fourth).failsWithin(1, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class,
                        (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE))
                .withMessageContaining("was not processed");
            // the calls it has finish; then it closes
            nearTheEnd.answer(Integer.MAX_VALUE - 2, EmbeddedClient.json("1"));
            nearTheEnd.answer(Integer.MAX_VALUE, EmbeddedClient.json("3"));
            assertThat(nearTheEnd.channel.isOpen()).as("open while a call waits").isTrue();
            nearTheEnd.answer(Integer.MAX_VALUE - 1, EmbeddedClient.json("2"));
            nearTheEnd.runCallbacks();
            assertThat(List.of(first.get(), second.get(), third.get())).containsExactly("1", "2", "3");
            assertThat(nearTheEnd.channel.isOpen()).as("open once drained").isFalse();
        }
    }

}
