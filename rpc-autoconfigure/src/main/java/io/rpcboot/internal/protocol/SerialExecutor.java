package io.rpcboot.internal.protocol;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in the order they were submitted, on a delegate executor (or,
 * with {@link #direct()}, on the thread that submits first while no task runs: the other
 * submitters' tasks are then run by that thread). What Reactive Streams asks of the calls
 * on a subscription: never two at once. A task that throws does not stop the executor:
 * the tasks after it still run, and its exception propagates to the thread that ran it
 * (the submitter's, for {@link #direct()}; the delegate's otherwise, whose uncaught
 * exception handling reports it).
 */
public final class SerialExecutor implements Executor {

    private final Executor delegate;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private final AtomicInteger pending = new AtomicInteger();

    private final Runnable drain = this::drain;

    /**
     * Creates an executor that runs its tasks on a delegate, one at a time.
     * @param delegate where the tasks run; when it refuses, they run on the submitting
     * thread
     */
    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /**
     * Creates an executor that runs each task on the thread that submits it, unless
     * another task runs: then that task's thread runs it next.
     * @return the executor
     */
    public static SerialExecutor direct() {
        return new SerialExecutor(Runnable::run);
    }

    @Override
    public void execute(Runnable task) {
        this.tasks.add(task);
        if (this.pending.getAndIncrement() == 0) {
            schedule();
        }
    }

    private void schedule() {
        try {
            this.delegate.execute(this.drain);
        }
        catch (RejectedExecutionException ex) {
            drain();
        }
    }

    /**
     * Runs an action on this thread at once when no task runs or waits, then the tasks
     * submitted meanwhile; otherwise queues it behind them, as {@link #execute(Runnable)}
     * does. The action and its argument come apart so that the usual case (a direct
     * executor's stream elements, which find it free) allocates no task.
     * @param <T> the type of the argument
     * @param action the action
     * @param argument what the action takes
     */
    public <T> void runOrQueue(Consumer<? super T> action, T argument) {
        if (!this.pending.compareAndSet(0, 1)) {
            execute(() -> action.accept(argument));
            return;
        }
        try {
            action.accept(argument);
        }
        finally {
            if (this.pending.decrementAndGet() != 0) {
                drain(); // the tasks submitted while it ran
            }
        }
    }

    private void drain() {
        do {
            Runnable task = this.tasks.poll();
            if (task != null) {
                try {
                    task.run();
                }
                catch (Throwable ex) {
                    // the tasks behind it still run, then the failure goes on to this
                    // thread's caller
                    if (this.pending.decrementAndGet() != 0) {
                        runRemaining(ex);
                    }
                    throw ex;
                }
            }
        }
        while (this.pending.decrementAndGet() != 0);
    }

    private void runRemaining(Throwable failure) {
        try {
            schedule();
        }
        catch (Throwable ex) {
            failure.addSuppressed(ex);
        }
    }

}
