package io.rpcboot.internal.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The sending end of a stream: subscribes to a publisher (the implementation's result
 * stream, or a caller's stream argument), requests from it only as many elements as the
 * receiver granted in CREDIT frames, at most {@value #BATCH} at a time, and only while
 * the connection is writable (so a publisher that emits all it is asked for at once
 * cannot fill the connection's buffer with a large grant); each element goes to the
 * {@link Sink}, which writes it as a MESSAGE frame on the thread that produced it. Calls
 * on the subscription run serially on the given executor. Its {@link #completion()}
 * completes when the publisher completes, and exceptionally when it fails or an element
 * cannot be sent; cancelling that future cancels the subscription. Loaded only for
 * streaming methods.
 */
public final class OutboundStream implements Subscriber<Object> {

    /** The most elements requested from the publisher and not yet received. */
    static final int BATCH = 64;

    /** What is still to come when more is requested. */
    private static final int LOW_WATER = BATCH / 2;

    private final SerialExecutor requests;

    private final Runnable pump = this::pump;

    /** Elements requested from the publisher and not yet received. */
    private final AtomicLong inFlight = new AtomicLong();

    private final Sink sink;

    private final CompletableFuture<@Nullable Void> completion = new CompletableFuture<>() {

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            OutboundStream.this.cancel();
            return super.cancel(mayInterruptIfRunning);
        }

    };

    private volatile @Nullable Subscription subscription;

    private volatile boolean done;

    // requests executor only
    private long credit;

    private volatile long sent;

    /**
     * Creates the sending end of a stream.
     * @param requests where the calls on the publisher's subscription run (one at a
     * time): the call executor or the event loop
     * @param sink what writes elements
     */
    public OutboundStream(Executor requests, Sink sink) {
        this.requests = new SerialExecutor(requests);
        this.sink = sink;
    }

    /**
     * Subscribes to the publisher whose elements are sent.
     * @param publisher a {@link Publisher}
     */
    @SuppressWarnings("unchecked")
    public void subscribeTo(Object publisher) {
        ((Publisher<Object>) publisher).subscribe(this);
    }

    /**
     * Returns what completes when the stream ends.
     * @return the completion, cancelled to cancel the stream
     */
    public CompletableFuture<@Nullable Void> completion() {
        return this.completion;
    }

    /**
     * Returns the number of elements sent.
     * @return the count
     */
    public long sent() {
        return this.sent;
    }

    /**
     * The receiver granted more messages; from any thread.
     * @param count how many more
     */
    public void grant(long count) {
        this.requests.execute(() -> {
            this.credit = (this.credit + count < 0) ? Long.MAX_VALUE : this.credit + count;
            pump();
        });
    }

    /**
     * The connection became writable again: requests what the receiver granted meanwhile.
     */
    public void resume() {
        this.requests.execute(this.pump);
    }

    /**
     * Cancels the subscription: nothing more is sent; from any thread.
     */
    public void cancel() {
        if (this.done) {
            return;
        }
        this.done = true;
        this.requests.execute(() -> {
            Subscription current = this.subscription;
            if (current != null) {
                current.cancel();
            }
        });
    }

    private void pump() {
        Subscription current = this.subscription;
        if (current == null || this.done || this.credit <= 0 || !this.sink.writable()) {
            return;
        }
        long coming = this.inFlight.get();
        if (coming > LOW_WATER) {
            return; // asked again when what is coming falls to the low water mark
        }
        long requested = Math.min(this.credit, BATCH - coming);
        this.credit -= requested;
        this.inFlight.addAndGet(requested);
        current.request(requested);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (this.subscription != null) {
            subscription.cancel();
            return;
        }
        this.subscription = subscription;
        this.requests.execute(() -> {
            if (this.done) {
                subscription.cancel();
            }
            else {
                pump();
            }
        });
    }

    @Override
    // onNext calls are serial; volatile lets others read the count
    @SuppressWarnings("NonAtomicVolatileUpdate")
    public void onNext(Object element) {
        if (this.done) {
            return;
        }
        try {
            this.sink.element(element);
            this.sent++;
            if (this.inFlight.decrementAndGet() == LOW_WATER) {
                this.requests.execute(this.pump);
            }
        }
        catch (RuntimeException ex) {
            cancel();
            this.completion.completeExceptionally(ex);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (!this.done) {
            this.done = true;
            this.completion.completeExceptionally(failure);
        }
    }

    @Override
    public void onComplete() {
        if (!this.done) {
            this.done = true;
            this.completion.complete(null);
        }
    }

    /**
     * Writes the elements of a stream.
     */
    public interface Sink {

        /**
         * Writes one element as a MESSAGE frame; on the thread that produced it.
         * @param element the element
         * @throws RuntimeException when it cannot be sent (too large, not serializable):
         * the stream then fails with it
         */
        void element(@Nullable Object element);

        /**
         * Returns whether the connection takes more writes without buffering them.
         * @return whether it is writable
         */
        boolean writable();

    }

}
