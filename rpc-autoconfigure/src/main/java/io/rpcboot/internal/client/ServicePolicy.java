package io.rpcboot.internal.client;

/**
 * How a service's calls choose an endpoint and when they are retried.
 *
 * @param loadBalancing how calls are spread over the endpoints
 * @param maxAttempts the most attempts of an idempotent call after failures that may have
 * reached a server; {@code 1} retries none of them
 * @param retryBudget the retries allowed, as a ratio of the calls made over the last
 * {@value RetryBudget#WINDOW_SECONDS} seconds, from 0 to 1
 * @param minRetriesPerSecond the retries allowed per second of the window whatever the
 * number of calls, so that a quiet client can still retry
 */
public record ServicePolicy(LoadBalancing loadBalancing, int maxAttempts, double retryBudget, int minRetriesPerSecond) {

    /** The default of {@link #maxAttempts()}: 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** The default of {@link #retryBudget()}: 20% of the calls. */
    public static final double DEFAULT_RETRY_BUDGET = 0.2;

    /** The default of {@link #minRetriesPerSecond()}: 10. */
    public static final int DEFAULT_MIN_RETRIES_PER_SECOND = 10;

    /** Least-requests balancing and the default retries. */
    public static final ServicePolicy DEFAULT = new ServicePolicy(LoadBalancing.LEAST_REQUESTS, DEFAULT_MAX_ATTEMPTS,
            DEFAULT_RETRY_BUDGET, DEFAULT_MIN_RETRIES_PER_SECOND);

    /**
     * Validates the policy.
     */
    public ServicePolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the most attempts must be at least 1, not " + maxAttempts);
        }
        if (!(retryBudget >= 0 && retryBudget <= 1)) {
            throw new IllegalArgumentException("the retry budget must be a ratio from 0 to 1, not " + retryBudget);
        }
        if (minRetriesPerSecond < 0) {
            throw new IllegalArgumentException(
                    "the retries per second must not be negative, not " + minRetriesPerSecond);
        }
    }

}
