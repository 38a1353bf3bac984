package io.rpcboot.internal.protocol;

/**
 * The limit on the timeout a caller may ask for. Like gRPC, which allows at most eight
 * digits in its timeout header, a call's timeout is at most {@value #MAX_MILLIS}
 * milliseconds (about 27.8 hours); a larger timeout is read as that maximum, so that the
 * deadline computed from it never overflows.
 */
public final class Timeouts {

    /** The largest timeout of a call, in milliseconds: 99,999,999 (eight digits). */
    public static final long MAX_MILLIS = 99_999_999L;

    private Timeouts() {
    }

    /**
     * Returns a timeout, limited to {@link #MAX_MILLIS}.
     * @param millis a timeout in milliseconds, not negative
     * @return the timeout, at most {@link #MAX_MILLIS}
     */
    public static long clampMillis(long millis) {
        return Math.min(millis, MAX_MILLIS);
    }

}
