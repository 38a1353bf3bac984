package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A client keeps at most as many calls in flight on a connection as the server announced
 * in its settings (MAX_CONCURRENT_CALLS): the others wait, unsent, in the order they were
 * made. The test runs the connection's event loop, the callback executor and the
 * deadlines' timer step by step.
 */
class ServerCallLimitTests {

    private final ManualTimer timer = new ManualTimer();

    private final EmbeddedClient client = new EmbeddedClient(this.timer);

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void callsBeyondTheLimitWaitAndAreSentInTheirOrderAsAnswersFreeSlots() throws Exception {
        this.client.handshake(2);
        CompletableFuture<String> a = this.client.call("a");
        CompletableFuture<String> b = this.client.call("b");
        CompletableFuture<String> c = this.client.call("c");
        CompletableFuture<String> d = this.client.call("d");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id, EmbeddedClient.Request::arguments)
            .containsExactly(tuple(1, "[\"a\"]"), tuple(2, "[\"b\"]"));
        this.client.answer(2, EmbeddedClient.json("b done"));
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id, EmbeddedClient.Request::arguments)
            .containsExactly(tuple(3, "[\"c\"]"));
        this.client.answer(1, EmbeddedClient.json("a done"));
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id, EmbeddedClient.Request::arguments)
            .containsExactly(tuple(4, "[\"d\"]"));
        this.client.answer(3, EmbeddedClient.json("c done"));
        this.client.answer(4, EmbeddedClient.json("d done"));
        this.client.runCallbacks();
        assertThat(a.get() + b.get() + c.get() + d.get()).isEqualTo("a doneb donec doned done");
    }

    @Test
    void withoutALimitInTheSettingsEveryCallIsSentAtOnce() {
        this.client.handshake();
        for (int i = 0; i < 1000; i++) {
            this.client.call("job-" + i);
        }
        assertThat(this.client.requests()).hasSize(1000);
    }

    @Test
    void waitingCallWhoseDeadlinePassesFailsAndIsNeverSent() throws Exception {
        this.client.handshake(1);
        this.client.call("first");
        CompletableFuture<String> late = this.client.call("late");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        this.timer.timeout(1).fire(); // the deadline of "late", which waits for a free
                                      // slot
        assertThat(this.client.written()).as("frames written at its deadline").isEmpty();
        this.client.runCallbacks();
        assertThat(late).failsWithin(1, TimeUnit.SECONDS)
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(RpcException.class,
                    (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED))
            .withMessageContaining("it was never sent")
            .withMessageContaining("limit of 1 calls in flight");
        this.client.answer(1, EmbeddedClient.json("done"));
        assertThat(this.client.written()).as("frames written once a slot is free").isEmpty();
        CompletableFuture<String> next = this.client.call("next");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id, EmbeddedClient.Request::arguments)
            .containsExactly(tuple(2, "[\"next\"]"));
        assertThat(next).isNotDone();
    }

    @Test
    void waitingCallCancelledByItsCallerIsNeverSent() {
        this.client.handshake(1);
        this.client.call("first");
        CompletableFuture<String> unwanted = this.client.call("unwanted");
        this.client.call("wanted");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        unwanted.cancel(true);
        assertThat(this.client.written()).as("frames written when a waiting call is cancelled").isEmpty();
        assertThat(this.timer.timeout(1).isCancelled()).as("its deadline's timer is cancelled").isTrue();
        this.client.answer(1, EmbeddedClient.json("done"));
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id, EmbeddedClient.Request::arguments)
            .containsExactly(tuple(2, "[\"wanted\"]"));
    }

    @Test
    void cancellingACallInFlightGivesItsSlotToTheNextWaitingCall() {
        this.client.handshake(1);
        CompletableFuture<String> first = this.client.call("first");
        this.client.call("second");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        first.cancel(true);
        assertThat(this.client.written()).containsExactly(new EmbeddedClient.Written(FrameType.CANCEL, 1),
                new EmbeddedClient.Written(FrameType.REQUEST, 2));
    }

    @Test
    void expiryOfACallInFlightGivesItsSlotToTheNextWaitingCall() throws Exception {
        this.client.handshake(1);
        this.client.call("first");
        this.client.call("second");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        this.timer.timeout(0).fire();
        assertThat(this.client.written()).containsExactly(new EmbeddedClient.Written(FrameType.CANCEL, 1),
                new EmbeddedClient.Written(FrameType.REQUEST, 2));
    }

    @Test
    void waitingCallIsSentWithTheTimeItHasLeft() throws Exception {
        this.client.handshake(1);
        this.client.call("first");
        this.client.call("second");
        long sentWith = this.client.requests().get(0).timeoutMillis();
        long waitingSince = System.nanoTime();
        // the passing of time is what is tested here: "second" waits at least this long
        // for its slot
        Thread.sleep(200);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince);
        this.client.answer(1, EmbeddedClient.json("done"));
        assertThat(this.client.requests()).singleElement()
            .satisfies((request) -> assertThat(request.timeoutMillis()).isPositive()
                .isLessThanOrEqualTo(sentWith - waitedMillis));
    }

    @Test
    void goAwayFailsTheWaitingCallsAsNotProcessed() throws Exception {
        this.client.handshake(1);
        CompletableFuture<String> first = this.client.call("first");
        CompletableFuture<String> waiting = this.client.call("waiting");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        this.client.channel.writeInbound(new Frame.GoAway(1, "server shutting down"));
        this.client.runCallbacks();
        assertNotProcessed(waiting);
        this.client.answer(1, EmbeddedClient.json("done"));
        assertThat(this.client.written()).as("frames written after the go-away").isEmpty();
        this.client.runCallbacks();
        assertThat(first.get()).isEqualTo("done");
    }

    @Test
    void closeFailsTheWaitingCallsAsNotProcessed() {
        this.client.handshake(1);
        this.client.call("first");
        CompletableFuture<String> waiting = this.client.call("waiting");
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::id).containsExactly(1);
        this.client.channel.close();
        this.client.runCallbacks();
        assertNotProcessed(waiting);
    }

    private static void assertNotProcessed(CompletableFuture<String> call) {
        assertThat(call).failsWithin(1, TimeUnit.SECONDS)
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(RpcException.class,
                    (ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE))
            .withMessageContaining("was not processed");
    }

}
