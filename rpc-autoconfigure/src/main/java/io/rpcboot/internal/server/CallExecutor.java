package io.rpcboot.internal.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's bounded pool of call threads. Unlike a plain {@link ThreadPoolExecutor},
 * which starts a new thread for every call until its core size is reached even while
 * threads sit idle, it hands a call to an idle thread when there is one and starts a
 * thread only when every thread is busy (as Tomcat's pool does); calls queue only when
 * all {@code maxThreads} are busy, up to {@code maxQueued}. Idle threads end after a
 * minute.
 */
final class CallExecutor extends ThreadPoolExecutor {

    private final AtomicInteger submitted = new AtomicInteger();

    CallExecutor(int maxThreads, int maxQueued, ThreadFactory threads) {
        // no core threads: a core thread would be started for each call, idle threads or
        // not
        super(0, maxThreads, 60, TimeUnit.SECONDS, new CallQueue(maxQueued), threads);
        ((CallQueue) getQueue()).executor = this;
    }

    @Override
    public void execute(Runnable command) {
        this.submitted.incrementAndGet();
        try {
            super.execute(command);
        }
        catch (RejectedExecutionException ex) {
            // another call took the last thread between the queue's refusal and the
            // pool's attempt
            if (isShutdown() || !((CallQueue) getQueue()).force(command)) {
                this.submitted.decrementAndGet();
                throw ex;
            }
        }
        catch (RuntimeException | Error ex) {
            this.submitted.decrementAndGet();
            throw ex;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        this.submitted.decrementAndGet();
    }

    /**
     * Refuses a call (so that the pool starts a thread) while busy threads can still be
     * added.
     */
    private static final class CallQueue extends LinkedBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        // set by the executor's constructor, before any task is offered
        @SuppressWarnings("NullAway.Init")
        private transient CallExecutor executor;

        CallQueue(int capacity) {
            super(capacity);
        }

        boolean force(Runnable task) {
            return super.offer(task);
        }

        @Override
        public boolean offer(Runnable task) {
            int threads = this.executor.getPoolSize();
            if (this.executor.submitted.get() <= threads || threads >= this.executor.getMaximumPoolSize()) {
                return super.offer(task);
            }
            return false;
        }

    }

}
