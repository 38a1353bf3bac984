package io.rpcboot.internal.client;

/**
 * Where a retried call stands: made at its first retry, so that a call that succeeds at
 * once allocates nothing for retries.
 */
final class RetryState {

    final TriedEndpoints tried = new TriedEndpoints();

    /** The number of the attempt being made, from 1. */
    int attempt = 1;

    /** The failed attempts that may have reached a server's application code. */
    int possiblyProcessed;

    /** How long to wait before the next attempt. */
    long delayNanos;

}
