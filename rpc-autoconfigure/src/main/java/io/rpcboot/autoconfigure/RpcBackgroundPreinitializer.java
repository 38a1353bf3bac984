package io.rpcboot.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

import io.rpcboot.internal.protocol.NettyTransport;

/**
 * Initializes Netty's classes (its native transport included) on Spring Boot's background
 * pre-initialization thread, while the application's configuration is read, rather than
 * on the start-up's own thread when the first rpcboot client or server is created. Spring
 * Boot runs it unless {@code spring.backgroundpreinitializer.ignore} is {@code true}, on
 * machines with more than one processor.
 *
 * <p>
 * The auto-configuration {@linkplain #awaitNetty() waits} for it to finish before it
 * creates anything that uses Netty, so that Netty's classes are never initialized by two
 * of rpcboot's threads at once; when that comes first, the background thread leaves Netty
 * alone.
 */
final class RpcBackgroundPreinitializer implements BackgroundPreinitializer {

    private static final int NOT_STARTED = 0;

    private static final int RUNNING = 1;

    private static final int DONE = 2;

    /** The longest wait for the background thread: past it, the start goes on. */
    private static final long MAX_WAIT_SECONDS = 30;

    private static final AtomicInteger state = new AtomicInteger(NOT_STARTED);

    private static final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void preinitialize() throws Exception {
        if (!state.compareAndSet(NOT_STARTED, RUNNING)) {
            return;
        }
        try {
            NettyTransport.preinitialize();
        }
        finally {
            state.set(DONE);
            done.countDown();
        }
    }

    /**
     * Waits until the background initialization of Netty's classes is done, if it has
     * started; if it has not, it will not: the caller initializes them itself.
     */
    static void awaitNetty() {
        if (state.compareAndSet(NOT_STARTED, DONE) || state.get() == DONE) {
            return;
        }
        try {
            done.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
