package io.rpcboot.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A task that throws: its exception reaches the thread that ran it, and the executor goes
 * on running the tasks submitted after it.
 */
class SerialExecutorTests {

    @Test
    void directExecutorRunsLaterTasksAfterOneThrew() {
        SerialExecutor executor = SerialExecutor.direct();
        assertThatIllegalStateException().isThrownBy(() -> executor.execute(() -> {
            throw new IllegalStateException("task failed");
        })).withMessage("task failed");
        List<String> ran = new ArrayList<>();
        executor.execute(() -> ran.add("second"));
        assertThat(ran).containsExactly("second");
    }

    @Test
    void tasksQueuedBehindAThrowingTaskStillRun() {
        SerialExecutor executor = SerialExecutor.direct();
        List<String> ran = new ArrayList<>();
        assertThatIllegalStateException().isThrownBy(() -> executor.execute(() -> {
            // submitted while this task runs: queued behind it
            executor.execute(() -> ran.add("queued"));
            throw new IllegalStateException("task failed");
        }));
        assertThat(ran).containsExactly("queued");
        executor.execute(() -> ran.add("later"));
        assertThat(ran).containsExactly("queued", "later");
    }

    @Test
    void delegatedExecutorRunsLaterTasksAfterOneThrew() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor executor = new SerialExecutor(pool);
            executor.execute(() -> {
                throw new IllegalStateException("task failed");
            });
            CountDownLatch second = new CountDownLatch(1);
            executor.execute(second::countDown);
            assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runOrQueueRunsAtOnceWhenFreeAndBehindTheRunningTaskOtherwise() {
        SerialExecutor executor = SerialExecutor.direct();
        List<String> ran = new ArrayList<>();
        executor.runOrQueue(ran::add, "free");
        assertThat(ran).containsExactly("free");
        executor.execute(() -> {
            // submitted while a task runs: queued, run after it on this thread
            executor.runOrQueue(ran::add, "queued");
            ran.add("running");
        });
        assertThat(ran).containsExactly("free", "running", "queued");
    }

    @Test
    void runOrQueueRunsTheTasksSubmittedWhileItsActionRan() {
        SerialExecutor executor = SerialExecutor.direct();
        List<String> ran = new ArrayList<>();
        executor.runOrQueue((String name) -> {
            executor.execute(() -> ran.add("submitted meanwhile"));
            ran.add(name);
        }, "action");
        assertThat(ran).containsExactly("action", "submitted meanwhile");
    }

}
