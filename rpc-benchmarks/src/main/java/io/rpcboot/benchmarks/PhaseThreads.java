package io.rpcboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The skeleton of a measured load phase: worker threads that start together, the phase's
 * own wait for its end, and the time and this JVM's costs ({@link JvmCosts}) from the
 * start to that end. The workers stay alive until the costs are read, since what a thread
 * allocated counts only while it lives.
 */
final class PhaseThreads {

    private final List<Thread> threads = new ArrayList<>();

    private final CountDownLatch start = new CountDownLatch(1);

    private final CountDownLatch finished;

    private final CountDownLatch release = new CountDownLatch(1);

    private volatile boolean stopped;

    /**
     * Creates the phase's threads, not started yet.
     * @param factory makes the threads
     * @param workers what each thread does once the phase starts
     */
    PhaseThreads(ThreadFactory factory, List<? extends Worker> workers) {
        this.finished = new CountDownLatch(workers.size());
        for (Worker worker : workers) {
            this.threads.add(factory.newThread(() -> work(worker)));
        }
    }

    private void work(Worker worker) {
        try {
            this.start.await();
            worker.work();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        finally {
            this.finished.countDown();
        }
        try {
            this.release.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the workers, waits for the phase's end and reads its time and costs.
     * @param end waits for the phase's end
     * @return the phase's time and this JVM's costs
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the end's wait throws it
     */
    Ran run(End end) throws InterruptedException {
        return run((started) -> {
        }, end);
    }

    /**
     * Starts the workers, waits for the phase's end and reads its time and costs.
     * @param beforeStart receives the start's {@link System#nanoTime()} right before the
     * workers are let go
     * @param end waits for the phase's end
     * @return the phase's time and this JVM's costs
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the end's wait throws it
     */
    Ran run(LongConsumer beforeStart, End end) throws InterruptedException {
        for (Thread thread : this.threads) {
            thread.start();
        }
        JvmCosts.Reading before = JvmCosts.read();
        long started = System.nanoTime();
        beforeStart.accept(started);
        this.start.countDown();
        Ran ran;
        try {
            end.await();
            long elapsedNanos = System.nanoTime() - started;
            ran = new Ran(elapsedNanos, JvmCosts.read().since(before));
        }
        finally {
            this.release.countDown();
        }
        for (Thread thread : this.threads) {
            thread.join();
        }
        return ran;
    }

    /**
     * Lets the workers work for a time, then tells them to stop; on the thread that
     * started the phase.
     * @param duration how long, {@code null} to return at once (the workers stop by
     * themselves)
     * @throws InterruptedException when interrupted
     */
    void workFor(@Nullable Duration duration) throws InterruptedException {
        if (duration != null) {
            Thread.sleep(duration.toMillis());
            stop();
        }
    }

    /**
     * Tells the workers to stop.
     */
    void stop() {
        this.stopped = true;
    }

    /**
     * Returns whether the workers are told to stop.
     * @return whether they are
     */
    boolean stopped() {
        return this.stopped;
    }

    /**
     * Waits for every worker to have done its work.
     * @param timeoutMillis how long at the most
     * @return whether they all have
     * @throws InterruptedException when interrupted
     */
    boolean awaitWorkers(long timeoutMillis) throws InterruptedException {
        return this.finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * What a worker thread does once the phase starts.
     */
    @FunctionalInterface
    interface Worker {

        /**
         * Does the work.
         * @throws InterruptedException when interrupted
         */
        void work() throws InterruptedException;

    }

    /**
     * Waits for a phase's end, on the thread that started it.
     */
    @FunctionalInterface
    interface End {

        /**
         * Returns when the phase has ended.
         * @throws InterruptedException when interrupted
         */
        void await() throws InterruptedException;

    }

    /**
     * A phase's time and costs.
     *
     * @param elapsedNanos from the start to the end's wait returning
     * @param costs what this JVM spent in that time
     */
    record Ran(long elapsedNanos, JvmCosts.Reading costs) {
    }

}
