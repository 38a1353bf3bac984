package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many answers read at once cost the client one flush and a wake-up or two of its
 * callback executor, not one of each per call or per method; the calls still complete,
 * each with its own answer, and the calls waiting for a slot are still sent in their
 * order.
 */
class AnswerBatchTests {

    private final EmbeddedClient client = new EmbeddedClient();

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void answersReadTogetherReachTheCallbackExecutorAsOneBatch() throws Exception {
        this.client.handshake();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(this.client.call("job-" + i));
        }
        List<Integer> ids = this.client.requestIds();
        assertThat(ids).hasSize(100);
        this.client.answerInOneRead(ids);
        assertThat(this.client.queuedCallbacks()).isEqualTo(1);
        this.client.runCallbacks();
        for (int i = 0; i < 100; i++) {
            assertThat(calls.get(i).getNow(null)).isEqualTo("done " + ids.get(i));
        }
    }

    @Test
    void answersToCallsOfDifferentMethodsReadTogetherAreHandedOffOnce() throws Exception {
        this.client.handshake();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(this.client.call(((i % 2) == 0) ? this.client.run : this.client.check, "job-" + i));
        }
        List<Integer> ids = this.client.requestIds();
        assertThat(ids).hasSize(20);
        this.client.answerInOneRead(ids);
        assertThat(this.client.queuedCallbacks()).as("hand-offs to the callback executor").isEqualTo(1);
        this.client.runCallbacks();
        for (int i = 0; i < 20; i++) {
            assertThat(calls.get(i).getNow(null)).isEqualTo("done " + ids.get(i));
        }
    }

    @Test
    void callsReleasedByAnswersReadTogetherAreWrittenInTheirOrderWithOneFlush() {
        this.client.handshake(10);
        for (int i = 0; i < 30; i++) {
            this.client.call("job-" + i);
        }
        assertThat(this.client.requestIds()).containsExactlyElementsOf(IntStream.rangeClosed(1, 10).boxed().toList());
        AtomicInteger flushes = new AtomicInteger();
        this.client.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {

            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }

        });
        this.client.answerInOneRead(IntStream.rangeClosed(1, 10).boxed().toList());
        assertThat(flushes).hasValue(1);
        assertThat(this.client.requests()).extracting(EmbeddedClient.Request::arguments)
            .containsExactlyElementsOf(IntStream.range(10, 20).mapToObj((i) -> "[\"job-" + i + "\"]").toList());
    }

}
