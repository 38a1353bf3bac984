package io.rpcboot.benchmarks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The caller side of one stack, as the load generator drives it. Each method makes one
 * remote call from the calling thread and checks its answer; many threads call at once.
 */
public interface StackClient extends AutoCloseable {

    /**
     * Sends {@code Workload.item(id)} (or its protobuf message) and checks that the same
     * item comes back.
     * @param id the item's id
     * @return whether the answer equals what was sent
     */
    boolean echo(long id);

    /**
     * Asks for {@code n} items and checks the answer.
     * @param n how many
     * @return whether {@code n} items came back, the last one as expected
     */
    boolean list(int n);

    /**
     * Sends {@code Workload.item(id)} (or its protobuf message) through the stack's
     * asynchronous call and returns at once; when the answer comes, {@code answered}
     * learns whether it equals what was sent, on whichever thread completes the call.
     * @param id the item's id
     * @param answered told once, when the call completes
     * @throws UnsupportedOperationException when the stack has no asynchronous call
     */
    default void echoAsync(long id, Answered answered) {
        throw new UnsupportedOperationException("This stack has no asynchronous call");
    }

    /**
     * Opens a stream of {@code n} items from {@code firstId} on, consumes it as a typical
     * subscriber does (unbounded demand) and checks every item.
     * @param firstId the first item's id
     * @param n how many items
     * @return whether the n items came, in order
     * @throws UnsupportedOperationException when the stack does not stream
     */
    default boolean stream(long firstId, int n) {
        throw new UnsupportedOperationException("This stack does not stream");
    }

    /**
     * Opens an endless stream whose consumer asks for one element per interval.
     * @param firstId the first item's id
     * @param interval the time between two requests of one element
     * @param producerWatchesReadiness for stacks whose producer must watch the
     * transport's readiness to respect flow control (gRPC-java): whether the server's
     * producer does; ignored by stacks that always respect it
     * @return the stream, open until closed
     * @throws UnsupportedOperationException when the stack does not stream
     */
    default SlowStream openSlowStream(long firstId, Duration interval, boolean producerWatchesReadiness) {
        throw new UnsupportedOperationException("This stack does not stream");
    }

    /**
     * Closes the client's connections and its application, if any.
     */
    @Override
    void close();

    /**
     * What an asynchronous call tells its caller when it completes.
     */
    @FunctionalInterface
    interface Answered {

        /**
         * Receives a call's outcome.
         * @param correct whether the answer equals what was sent
         * @param failure why the call failed, or {@code null} when it answered
         */
        void answered(boolean correct, @Nullable Throwable failure);

    }

}
