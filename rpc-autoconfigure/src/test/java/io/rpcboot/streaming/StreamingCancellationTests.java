package io.rpcboot.streaming;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

import io.rpcboot.support.LeakCheck;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancellation of streams over a real socket: a server that stops reading a client's
 * stream cancels the client's subscription to its stream argument while the call goes on
 * to its answer; a subscriber that cancels while elements or the final answer are on the
 * way leaks no buffer and logs nothing at WARN or ERROR (Netty's leak detector at
 * paranoid).
 */
class StreamingCancellationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    @Order(1)
    static final RpcPair pair = StreamingApplications.pipePair();

    @RegisterExtension
    @Order(2)
    static final LeakCheck leaks = new LeakCheck();

    static final Queue<String> warnings = new ConcurrentLinkedQueue<>();

    static final AppenderBase<ILoggingEvent> warningAppender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                warnings.add(event.getLoggerName() + ": " + event.getFormattedMessage());
            }
        }
    };

    private final Pipe pipe = pair.clientBean(Pipe.class);

    private final PipeService service = pair.serverBean(PipeService.class);

    @BeforeAll
    static void collectWarnings() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        warningAppender.setContext(root.getLoggerContext());
        warningAppender.start();
        root.addAppender(warningAppender);
    }

    @AfterAll
    static void stopCollectingWarnings() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(warningAppender);
        warningAppender.stop();
    }

    @Test
    void serverThatStopsReadingCancelsTheClientsStreamAndTheCallIsStillAnswered() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicLong produced = new AtomicLong();
        Flux<Integer> numbers = Flux.<Integer>generate((sink) -> sink.next((int) produced.getAndIncrement()))
            .doOnCancel(cancelled::countDown);
        CompletableFuture<Long> answer = this.pipe.countFirst(numbers, 10, "stop-reading").toFuture();
        // the answer waits for the release: only the server's CANCEL can stop the stream
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the stream argument cancelled").isTrue();
        assertThat(answer).isNotDone();
        this.service.release("stop-reading").complete(null);
        assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(produced.get()).as("elements produced (the server's window is 128)").isLessThanOrEqualTo(10 + 128);
    }

    @Test
    void cancellingWhileElementsAndTheAnswerAreOnTheWayLeaksNothingAndLogsNothing() throws Exception {
        for (int i = 0; i < 300; i++) {
            int n = 1 + ThreadLocalRandom.current().nextInt(20);
            int cancelAt = ThreadLocalRandom.current().nextInt(n + 1);
            CancellingSubscriber subscriber = new CancellingSubscriber(cancelAt);
            this.pipe.count(n).subscribe(subscriber);
            assertThat(subscriber.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("how the stream ended")
                .isIn(SignalType.CANCEL, SignalType.ON_COMPLETE);
        }
        // a subscriber that cancels after the stream completed, and one that cancels from
        // another thread while elements arrive
        for (int i = 0; i < 100; i++) {
            CancellingSubscriber subscriber = new CancellingSubscriber(Integer.MAX_VALUE);
            this.pipe.count(50).subscribe(subscriber);
            if (i % 2 == 0) {
                subscriber.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            subscriber.dispose();
            assertThat(subscriber.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isIn(SignalType.CANCEL,
                    SignalType.ON_COMPLETE);
        }
        // the connection is still healthy
        assertThat(this.pipe.count(1000).count().block(WAIT)).isEqualTo(1000);
        assertThat(warnings).as("messages logged at WARN or ERROR").isEmpty();
    }

    /** Requests everything and cancels after a number of elements. */
    static class CancellingSubscriber extends BaseSubscriber<Integer> {

        final CompletableFuture<SignalType> ended = new CompletableFuture<>();

        private final int cancelAt;

        private int received;

        CancellingSubscriber(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (this.cancelAt == 0) {
                cancel();
                return;
            }
            requestUnbounded();
        }

        @Override
        protected void hookOnNext(Integer value) {
            if (++this.received == this.cancelAt) {
                cancel();
            }
        }

        @Override
        protected void hookOnError(Throwable failure) {
            this.ended.completeExceptionally(failure);
        }

        @Override
        protected void hookFinally(SignalType type) {
            this.ended.complete(type);
        }

    }

}
