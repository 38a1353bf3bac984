package io.rpcboot.internal.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outcomes of asynchronous calls reach the callback executor in batches, in the order
 * they came, and one that blocks holds up none of the others.
 */
class CallbackBatchesTests {

    @Test
    void tasksQueuedTogetherRunInTheirOrderFromOneHandOff() {
        Queue<Runnable> handedOff = new ArrayDeque<>();
        CallbackBatches batches = new CallbackBatches(handedOff::add);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int task = i;
            batches.execute(() -> ran.add(task));
        }
        assertThat(handedOff).hasSize(1);
        handedOff.poll().run();
        assertThat(ran).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        // the second drainer, sent while tasks were left, finds nothing to do
        assertThat(handedOff).hasSize(1);
        handedOff.poll().run();
        assertThat(ran).hasSize(50);
    }

    @Test
    void aTaskThatBlocksHoldsUpNoTaskQueuedAfterIt() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            CallbackBatches batches = new CallbackBatches(executor);
            CountDownLatch later = new CountDownLatch(1);
            CountDownLatch first = new CountDownLatch(1);
            // the first waits for the last: a drainer running them one after the other
            // alone would never finish
            batches.execute(() -> {
                try {
                    if (later.await(30, TimeUnit.SECONDS)) {
                        first.countDown();
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 20; i++) {
                batches.execute(() -> {
                });
            }
            batches.execute(later::countDown);
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aTaskRefusedByAShutDownExecutorIsRefusedToItsCaller() {
        ExecutorService executor = Executors.newCachedThreadPool();
        executor.shutdown();
        CallbackBatches batches = new CallbackBatches(executor);
        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> batches.execute(() -> {
        }));
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOthers() {
        Queue<Runnable> handedOff = new ArrayDeque<>();
        CallbackBatches batches = new CallbackBatches(handedOff::add);
        List<String> ran = new ArrayList<>();
        batches.execute(() -> {
            throw new IllegalStateException("a failing callback (expected in this test)");
        });
        batches.execute(() -> ran.add("after"));
        Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> uncaught = new ArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> uncaught.add(ex));
        try {
            Runnable drainer;
            while ((drainer = handedOff.poll()) != null) {
                drainer.run();
            }
        }
        finally {
            Thread.currentThread().setUncaughtExceptionHandler(handler);
        }
        assertThat(ran).containsExactly("after");
        assertThat(uncaught).singleElement().isInstanceOf(IllegalStateException.class);
    }

}
