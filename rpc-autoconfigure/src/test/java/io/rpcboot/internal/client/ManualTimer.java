package io.rpcboot.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;

/**
 * A timer whose timeouts expire only when the test fires them, so that a deadline can
 * come at the exact step the test chooses.
 */
final class ManualTimer implements Timer {

    private final List<ManualTimeout> timeouts = new ArrayList<>();

    @Override
    public synchronized Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
        ManualTimeout timeout = new ManualTimeout(task);
        this.timeouts.add(timeout);
        return timeout;
    }

    /**
     * Returns a timeout by the order it was created in.
     * @param index {@code 0} for the first timeout created
     */
    synchronized ManualTimeout timeout(int index) {
        return this.timeouts.get(index);
    }

    @Override
    public Set<Timeout> stop() {
        return Set.of();
    }

    /** A timeout the test expires with {@link #fire()}. */
    final class ManualTimeout implements Timeout {

        private final TimerTask task;

        private boolean cancelled;

        private boolean expired;

        ManualTimeout(TimerTask task) {
            this.task = task;
        }

        /** Expires the timeout now, as the timer's thread would. */
        void fire() throws Exception {
            if (!this.cancelled && !this.expired) {
                this.expired = true;
                this.task.run(this);
            }
        }

        @Override
        public Timer timer() {
            return ManualTimer.this;
        }

        @Override
        public TimerTask task() {
            return this.task;
        }

        @Override
        public boolean isExpired() {
            return this.expired;
        }

        @Override
        public boolean isCancelled() {
            return this.cancelled;
        }

        @Override
        public boolean cancel() {
            if (this.expired || this.cancelled) {
                return false;
            }
            this.cancelled = true;
            return true;
        }

    }

}
