package io.rpcboot.internal.client;

/**
 * What became of a failed attempt that could have been retried.
 */
public enum RetryOutcome {

    /** Sent again. */
    RETRIED,

    /** Not sent again: the service's retry budget was spent. */
    BUDGET_EXHAUSTED,

    /** Not sent again: the call made as many attempts as its policy allows. */
    ATTEMPTS_EXHAUSTED,

    /**
     * Not sent again: the call was not processed, but no endpoint it has not tried is
     * available.
     */
    NO_ENDPOINT,

    /** Not sent again: the deadline would pass before the next attempt. */
    DEADLINE;

    private final String tag = name().toLowerCase(java.util.Locale.ROOT);

    /**
     * Returns the outcome as a metric tag value, such as {@code budget_exhausted}.
     * @return the tag value
     */
    public String tag() {
        return this.tag;
    }

}
