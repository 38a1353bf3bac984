package io.rpcboot.internal.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Runs a client's callbacks (the outcomes of asynchronous calls, the elements of returned
 * streams) on its callback executor, handing it a batch of them at a time instead of one
 * task per answer or per stream: one per client. An event loop that reads a hundred
 * answers would otherwise wake a callback thread for each (and a cached pool starts a new
 * thread whenever none is idle at that instant): here one of its threads, a drainer,
 * takes the tasks in the order they came, one after the other. The tasks a connection's
 * event loop submits while it reads ({@link #execute(Runnable, ClientConnection)}) are
 * handed over together when the read ends: at most one hand-off per read, however many
 * calls and streams of however many methods it answers.
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

    /**
     * Queues a task submitted from a connection: when the connection's event loop submits
     * it while reading, the task is handed over with the others of the read once the read
     * ends; otherwise at once, as {@link #execute(Runnable)} does.
     * @param task the task
     * @param from the connection whose answer or element the task handles, {@code null}
     * for none
     * @throws RejectedExecutionException when the executor refuses it (shut down)
     */
    void execute(Runnable task, @Nullable ClientConnection from) {
        if (from != null && from.handOffAfterRead(this)) {
            this.tasks.add(task);
        }
        else {
            execute(task);
        }
    }

    /**
     * Hands the executor the tasks queued during a read, unless a drainer is on its way;
     * on the event loop, when its read ends. When the executor refuses (the client has
     * closed), the tasks run here rather than never.
     */
    void handOff() {
        if (!this.tasks.isEmpty() && !scheduleDrainer(null)) {
            drain();
        }
    }

    /**
     * Hands the executor a drainer, unless one is on its way.
     * @param task the task just queued, taken back when the executor refuses the drainer
     * @return {@code false} when the executor refused the drainer
     */
    private boolean scheduleDrainer(@Nullable Runnable task) {
        if (!this.drainerScheduled.compareAndSet(false, true)) {
            return true; // the drainer on its way takes the task when it starts
        }
        try {
            this.executor.execute(this.drain);
            return true;
        }
        catch (RejectedExecutionException ex) {
            this.drainerScheduled.set(false);
            if (task != null && this.tasks.remove(task)) {
                throw ex;
            }
            return false;
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
