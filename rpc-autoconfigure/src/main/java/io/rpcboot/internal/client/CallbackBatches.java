package io.rpcboot.internal.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Runs the outcomes of asynchronous calls on the client's callback executor, handing it a
 * batch of them at a time instead of one task per call. An event loop that reads a
 * hundred answers would otherwise wake a callback thread for each (and a cached pool
 * starts a new thread whenever none is idle at that instant): here one of its threads, a
 * drainer, takes the outcomes in the order they came, one after the other.
 *
 * <p>
 * An outcome's code may block (the application's continuation runs on this thread) and
 * must not hold up the others: before a drainer runs a task while more are queued, it
 * makes sure another drainer is on its way, which takes the next task when it starts. So
 * every queued task is taken even when every running one blocks, as with a task per call,
 * while a drainer that keeps up takes the tasks of a batch with a wake-up or two.
 */
final class CallbackBatches implements Executor {

    private final Executor executor;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    /** Whether a drainer was handed to the executor and has not started yet. */
    private final AtomicBoolean drainerScheduled = new AtomicBoolean();

    private final Runnable drain = this::drain;

    CallbackBatches(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues a task; it runs on a thread of the executor.
     * @throws RejectedExecutionException when the executor refuses it (shut down): the
     * task will never run
     */
    @Override
    public void execute(Runnable task) {
        this.tasks.add(task);
        scheduleDrainer(task);
    }

    private void scheduleDrainer(@Nullable Runnable task) {
        if (!this.drainerScheduled.compareAndSet(false, true)) {
            return; // the drainer on its way takes the task when it starts
        }
        try {
            this.executor.execute(this.drain);
        }
        catch (RejectedExecutionException ex) {
            this.drainerScheduled.set(false);
            if (task != null && this.tasks.remove(task)) {
                throw ex;
            }
        }
    }

    private void drain() {
        // cleared before the first poll: a task queued from now on is either seen below
        // or schedules a drainer itself
        this.drainerScheduled.set(false);
        Runnable task;
        while ((task = this.tasks.poll()) != null) {
            if (!this.tasks.isEmpty()) {
                scheduleDrainer(null); // should this task block, the next one does not
                                       // wait
            }
            try {
                task.run();
            }
            catch (Throwable ex) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
            }
        }
    }

}
