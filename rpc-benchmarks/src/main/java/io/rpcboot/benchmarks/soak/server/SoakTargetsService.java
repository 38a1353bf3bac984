package io.rpcboot.benchmarks.soak.server;

import java.util.concurrent.atomic.AtomicLong;

import io.rpcboot.annotation.RpcService;

/**
 * Serves {@link SoakTargets} and counts the calls of {@link #hit()}.
 */
@RpcService
public class SoakTargetsService implements SoakTargets {

    private static final AtomicLong HITS = new AtomicLong();

    /**
     * Returns the calls of {@link #hit()} since the server started.
     * @return the count
     */
    public static long hits() {
        return HITS.get();
    }

    @Override
    public int pause(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    @Override
    public void hit() {
        HITS.incrementAndGet();
    }

    @Override
    public void fail(String what) {
        throw new IllegalStateException(what);
    }

}
