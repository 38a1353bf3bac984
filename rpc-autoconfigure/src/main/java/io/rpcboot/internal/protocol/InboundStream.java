package io.rpcboot.internal.protocol;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The receiving end of a stream: publishes the elements that arrive in MESSAGE frames to
 * one subscriber, and turns its demand into credit for the sender. It keeps at most
 * {@code window} messages granted and not yet delivered: a subscriber that asks for 10
 * gets credit for 10; one that asks for everything gets credit for a window, replenished
 * in batches (when half of it has arrived), never one CREDIT per message. Everything runs
 * serially, in order, one signal at a time: on the given delivery executor (for a
 * subscriber that may block: a blocking method's, or a client's, whose elements then
 * never hold up the connection's event loop), or, without one, on the thread that
 * received the elements (the connection's event loop) or on the subscriber's, when it
 * asks for them. Loaded only for streaming methods.
 */
public final class InboundStream implements Publisher<Object>, Subscription {

    private static final Object NULL = new Object();

    private final SerialExecutor serial;

    /** Whether elements are delivered on the thread that received them. */
    private final boolean direct;

    /**
     * Elements received and not yet taken by the delivery executor (with one).
     */
    private final Queue<Object> arrived;

    /** Elements added to {@link #arrived} and not yet taken. */
    private final AtomicInteger arrivals = new AtomicInteger();

    private final Runnable takeArrived = this::takeArrived;

    private final Consumer<Object> deliver = this::deliver;

    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    private final int window;

    private final boolean credited;

    private final Peer peer;

    private @Nullable Subscriber<? super Object> subscriber;

    private long demand;

    private long outstanding;

    private boolean ended;

    private @Nullable Throwable failure;

    private boolean done;

    private boolean draining;

    private volatile long received;

    /**
     * Creates the receiving end of a stream.
     * @param window the most messages granted and not yet delivered
     * @param credited whether the sender waits for credit (a stream of MESSAGE frames);
     * {@code false} for the one result of a call that comes in its response
     * @param peer where credit and cancellation go
     */
    public InboundStream(int window, boolean credited, Peer peer) {
        this(window, credited, peer, null);
    }

    /**
     * Creates the receiving end of a stream whose subscriber is called on an executor.
     * @param window the most messages granted and not yet delivered
     * @param credited whether the sender waits for credit (a stream of MESSAGE frames);
     * {@code false} for the one result of a call that comes in its response
     * @param peer where credit and cancellation go
     * @param delivery where the subscriber's methods run, one at a time; {@code null} for
     * the thread that received the elements
     */
    public InboundStream(int window, boolean credited, Peer peer, @Nullable Executor delivery) {
        this.window = window;
        this.credited = credited;
        this.peer = peer;
        this.direct = delivery == null;
        this.serial = (delivery != null) ? new SerialExecutor(delivery) : SerialExecutor.direct();
        this.arrived = new ConcurrentLinkedQueue<>();
    }

    @Override
    public void subscribe(Subscriber<? super Object> subscriber) {
        // onSubscribe on the subscribing thread, as Reactor's publishers do, so that a
        // subscriber that cancels once subscribe returns finds its subscription
        this.serial.runOrQueue(this::subscribeNow, subscriber);
    }

    private void subscribeNow(Subscriber<? super Object> subscriber) {
        if (this.subscriber != null) {
            subscriber.onSubscribe(NoSubscription.INSTANCE);
            subscriber.onError(new IllegalStateException("an rpcboot stream can be subscribed to once"));
            return;
        }
        this.subscriber = subscriber;
        subscriber.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        this.serial.execute(() -> {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(" + n + "): the demand must be positive (rule 3.9)"));
                return;
            }
            this.demand = (this.demand + n < 0) ? Long.MAX_VALUE : this.demand + n;
            drain();
        });
    }

    @Override
    public void cancel() {
        this.serial.execute(() -> {
            if (!this.done) {
                this.done = true;
                this.queue.clear();
                this.peer.cancel();
            }
        });
    }

    /**
     * An element arrived.
     * @param element the element
     */
    // one thread counts; volatile lets others read it
    @SuppressWarnings("NonAtomicVolatileUpdate")
    public void onMessage(@Nullable Object element) {
        this.received++; // one thread receives: counted here, before its delivery
        if (!this.direct) {
            // one task per batch of elements that arrive while the subscriber is busy
            this.arrived.add((element != null) ? element : NULL);
            if (this.arrivals.getAndIncrement() == 0) {
                this.serial.execute(this.takeArrived);
            }
        }
        else {
            this.serial.runOrQueue(this.deliver, (element != null) ? element : NULL);
        }
    }

    /** Delivers what arrived, on the delivery executor. */
    private void takeArrived() {
        int taken = 0;
        while (true) {
            Object element = this.arrived.poll();
            if (element != null) {
                taken++;
                deliver((element != NULL) ? element : null);
            }
            else if (this.arrivals.addAndGet(-taken) == 0) {
                return;
            }
            else {
                taken = 0; // an element is being added: it comes next
            }
        }
    }

    private void deliver(@Nullable Object element) {
        if (this.done || this.ended) {
            return;
        }
        if (this.credited && --this.outstanding < 0) {
            fail(new IllegalStateException("the peer sent more messages than it was granted"));
            this.peer.cancel();
            return;
        }
        this.queue.add((element != null) ? element : NULL);
        drain();
    }

    /**
     * The stream ended normally: the subscriber completes after the elements before.
     */
    public void onEnd() {
        this.serial.execute(() -> {
            this.ended = true;
            drain();
        });
    }

    /**
     * The stream failed: the subscriber receives the failure after the elements before.
     * @param failure the failure
     */
    public void onError(Throwable failure) {
        this.serial.execute(() -> {
            if (!this.ended) {
                this.ended = true;
                this.failure = failure;
            }
            drain();
        });
    }

    /**
     * Returns the number of elements received, delivered or not yet.
     * @return the count
     */
    public long received() {
        return this.received;
    }

    private void fail(Throwable failure) {
        this.queue.clear();
        this.ended = true;
        this.failure = failure;
        drain();
    }

    private void drain() {
        Subscriber<? super Object> target = this.subscriber;
        if (this.draining || target == null || this.done) {
            return;
        }
        this.draining = true;
        try {
            while (!this.done && this.demand > 0 && !this.queue.isEmpty()) {
                Object element = this.queue.poll();
                if (this.demand != Long.MAX_VALUE) {
                    this.demand--;
                }
                target.onNext((element != NULL) ? element : null);
            }
            if (this.done) {
                return;
            }
            if (this.ended && this.queue.isEmpty()) {
                this.done = true;
                Throwable failed = this.failure;
                if (failed != null) {
                    target.onError(failed);
                }
                else {
                    target.onComplete();
                }
                return;
            }
            grantCredit();
        }
        finally {
            this.draining = false;
        }
    }

    /**
     * Grants the sender what the subscriber asked for, up to the window, once at most
     * half of what was granted before is still to come.
     */
    private void grantCredit() {
        if (!this.credited || this.ended) {
            return;
        }
        long target = Math.min(this.demand - this.queue.size(), this.window);
        long grant = target - this.outstanding;
        if (grant > 0 && this.outstanding <= target / 2) {
            this.outstanding += grant;
            this.peer.credit(grant);
        }
    }

    /**
     * Where the receiving end of a stream sends credit and cancellation: the sender's
     * connection.
     */
    public interface Peer {

        /**
         * Grants the sender more messages.
         * @param count how many more, at least 1
         */
        void credit(long count);

        /**
         * The subscriber wants no more: the sender should stop.
         */
        void cancel();

    }

    private enum NoSubscription implements Subscription {

        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }

    }

}
