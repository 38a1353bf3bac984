package io.rpcboot.internal.protocol;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Writes of a connection, gathered from any thread and run on its event loop in the order
 * they were queued, with one flush (one system call) per batch instead of one per frame.
 * Under load many calls share a wake-up of the event loop and a flush; alone, a call
 * costs what a {@code writeAndFlush} costs.
 */
public final class WriteQueue {

    private static final int MAX_WRITES_PER_FLUSH = 128;

    private final Channel channel;

    /** What to write: a {@link Write}, or a frame ({@link ByteBuf}) written as it is. */
    private final Queue<Object> writes = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final Runnable drain = this::drain;

    /**
     * Creates the queue of a connection.
     * @param channel the connection
     */
    public WriteQueue(Channel channel) {
        this.channel = channel;
    }

    /**
     * Queues a write; it runs on the event loop, which flushes after the batch it belongs
     * to.
     * @param write what to write: it calls {@code channel.write}, never {@code flush}
     * @return {@code false} when the event loop is shut down and the write will never run
     */
    public boolean enqueue(Write write) {
        return add(write);
    }

    /**
     * Queues a frame, written as it is (released, unwritten, when the connection has
     * closed); a stream's messages take this way, without a {@link Write} to allocate per
     * message.
     * @param frame the frame
     * @return {@code false} when the event loop is shut down and the frame will never be
     * written: the caller still owns it
     */
    public boolean enqueue(ByteBuf frame) {
        return add(frame);
    }

    private boolean add(Object write) {
        this.writes.add(write);
        if (this.scheduled.compareAndSet(false, true)) {
            try {
                this.channel.eventLoop().execute(this.drain);
            }
            catch (RejectedExecutionException ex) {
                return !this.writes.remove(write);
            }
        }
        return true;
    }

    private void drain() {
        try {
            int unflushed = 0;
            Object write;
            while ((write = this.writes.poll()) != null) {
                try {
                    if (write instanceof ByteBuf frame) {
                        writeFrame(frame);
                    }
                    else {
                        ((Write) write).writeTo(this.channel);
                    }
                }
                catch (Throwable ex) {
                    // an allocation failure must not end the drain: the writes after it
                    // still run
                    this.channel.pipeline().fireExceptionCaught(ex);
                }
                if (++unflushed == MAX_WRITES_PER_FLUSH) {
                    this.channel.flush();
                    unflushed = 0;
                }
            }
            if (unflushed > 0) {
                this.channel.flush();
            }
        }
        finally {
            // a write queued after the last poll either sees the flag cleared and
            // schedules a
            // drain itself, or is seen here
            this.scheduled.set(false);
            if (!this.writes.isEmpty() && this.scheduled.compareAndSet(false, true)) {
                this.channel.eventLoop().execute(this.drain);
            }
        }
    }

    // the void promise sends a failure to exceptionCaught
    @SuppressWarnings("FutureReturnValueIgnored")
    private void writeFrame(ByteBuf frame) {
        if (this.channel.isActive()) {
            this.channel.write(frame, this.channel.voidPromise());
        }
        else {
            frame.release(); // the peer is gone: nobody reads it
        }
    }

    /**
     * A write to run on the event loop.
     */
    @FunctionalInterface
    public interface Write {

        /**
         * Writes to the channel, without flushing.
         * @param channel the connection
         */
        void writeTo(Channel channel);

    }

}
