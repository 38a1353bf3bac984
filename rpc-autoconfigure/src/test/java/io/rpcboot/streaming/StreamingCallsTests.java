package io.rpcboot.streaming;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.LeakCheck;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming calls over a real socket, every shape: results, a stream argument, both, and
 * {@code Mono}; flow control from the subscriber's demand to the implementation;
 * cancellation both ways; failures after elements; no buffer leaks (Netty's leak detector
 * at paranoid).
 */
class StreamingCallsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int WINDOW = 128;

    @RegisterExtension
    @Order(1)
    static final RpcPair pair = StreamingApplications.tickerPair();

    @RegisterExtension
    @Order(2)
    static final LeakCheck leaks = new LeakCheck();

    private final Ticker ticker = pair.clientBean(Ticker.class);

    private final TickerService service = pair.serverBean(TickerService.class);

    @Test
    void hundredThousandElementsArriveInOrderAndComplete() {
        List<Integer> received = this.ticker.count(100_000).collectList().block(WAIT);
        assertThat(received).isEqualTo(IntStream.range(0, 100_000).boxed().toList());
    }

    @Test
    void clientStreamIsSummedByTheServer() {
        assertThat(this.ticker.sum(Flux.range(1, 10_000)).block(WAIT)).isEqualTo(50_005_000L);
    }

    @Test
    void emptyClientStreamSumsToZero() {
        assertThat(this.ticker.sum(Flux.empty()).block(WAIT)).isZero();
    }

    @Test
    void bidirectionalStreamAnswersEachElement() {
        List<String> words = IntStream.range(0, 5_000).mapToObj((i) -> "word" + i).toList();
        assertThat(this.ticker.upper(Flux.fromIterable(words)).collectList().block(WAIT))
            .isEqualTo(words.stream().map(String::toUpperCase).toList());
    }

    @Test
    void slowSubscriberHoldsTheProducerWithinItsDemandAndTheWindow() throws Exception {
        String key = "slow";
        TenThenWait subscriber = new TenThenWait();
        this.ticker.endless(key).subscribe(subscriber);
        awaitCondition(() -> subscriber.received == 10);
        // round trips on the same connection: credit the server had, it has acted on
        for (int i = 0; i < 3; i++) {
            assertThat(this.ticker.last("sync").block(WAIT)).isEqualTo("sync!");
        }
        assertThat(this.service.produced(key).get()).isBetween(10L, 10L + WINDOW);
        assertThat(subscriber.received).isEqualTo(10);
        subscriber.dispose();
        assertThat(this.service.cancelled(key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cancellingTheSubscriptionCancelsTheImplementationsPublisher() throws Exception {
        String key = "cancel";
        StepVerifier.create(this.ticker.endless(key).take(5)).expectNext(0, 1, 2, 3, 4).verifyComplete();
        assertThat(this.service.cancelled(key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unboundedDemandIsServedInWindows() throws Exception {
        String key = "unbounded";
        StepVerifier.create(this.ticker.endless(key).take(10_000)).expectNextCount(10_000).verifyComplete();
        assertThat(this.service.cancelled(key).await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void declaredFailureArrivesAfterTheElementsSentBefore() throws Ticker.TickerException {
        StepVerifier.create(this.ticker.failAfter(3))
            .expectNext(0, 1, 2)
            .expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(Ticker.TickerException.class)
                .hasMessage("failed after 3"))
            .verify(WAIT);
    }

    @Test
    void undeclaredFailureArrivesAsApplicationError() {
        StepVerifier.create(this.ticker.crashAfter(2))
            .expectNext(0, 1)
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RpcException.class,
                    (rpc) -> assertThat(rpc.getStatus()).isEqualTo(RpcStatus.APPLICATION_ERROR)))
            .verify(WAIT);
    }

    @Test
    void monoIsColdAndAnswersItsValue() {
        int before = this.service.lastCalls.get();
        Mono<String> last = this.ticker.last("ACME");
        assertThat(this.ticker.last("sync").block(WAIT)).isEqualTo("sync!"); // a round
                                                                             // trip
        assertThat(this.service.lastCalls.get()).isEqualTo(before + 1);
        assertThat(last.block(WAIT)).isEqualTo("ACME!");
        assertThat(last.block(WAIT)).isEqualTo("ACME!");
        assertThat(this.service.lastCalls.get()).isEqualTo(before + 3);
    }

    @Test
    void emptyMonoAnswersNothing() {
        StepVerifier.create(this.ticker.nothing()).verifyComplete();
    }

    @Test
    void explicitDeadlineEndsAStream() {
        StepVerifier.create(this.ticker.endlessWithDeadline("deadline"))
            .thenConsumeWhile((element) -> true)
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RpcException.class,
                    (rpc) -> assertThat(rpc.getStatus()).isEqualTo(RpcStatus.DEADLINE_EXCEEDED)))
            .verify(WAIT);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within " + WAIT).isNegative();
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(5); // polling, with a deadline
        }
    }

    /** Asks for ten elements, then for nothing more. */
    static final class TenThenWait extends BaseSubscriber<Integer> {

        volatile int received;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(10);
        }

        @Override
        protected void hookOnNext(Integer value) {
            this.received++;
        }

    }

}
