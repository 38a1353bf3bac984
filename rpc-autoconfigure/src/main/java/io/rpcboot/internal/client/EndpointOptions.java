package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a client finds and watches the endpoints of its services.
 *
 * @param resolveInterval how often each service's endpoints are looked up again (DNS
 * names re-resolved, a discovery source asked again)
 * @param backoff how long an endpoint that refused or dropped a connection is left alone
 * @param nameServer the DNS server to ask instead of the system's (tests); {@code null}
 * for the system's ({@code /etc/resolv.conf})
 */
public record EndpointOptions(Duration resolveInterval, EndpointBackoff backoff,
        @Nullable InetSocketAddress nameServer) {

    /** The default of {@link #resolveInterval()}: 10 seconds. */
    public static final Duration DEFAULT_RESOLVE_INTERVAL = Duration.ofSeconds(10);

    /**
     * The defaults: re-resolution every 10 seconds, the default backoff, the system's
     * DNS.
     */
    public static final EndpointOptions DEFAULT = new EndpointOptions(DEFAULT_RESOLVE_INTERVAL, EndpointBackoff.DEFAULT,
            null);

    /**
     * Validates the options.
     */
    public EndpointOptions {
        if (resolveInterval.isNegative() || resolveInterval.isZero()) {
            throw new IllegalArgumentException("The resolve interval must be positive, not " + resolveInterval);
        }
    }

    /**
     * Returns options that resolve names with the given DNS server.
     * @param nameServer the DNS server
     * @return the options
     */
    public EndpointOptions withNameServer(InetSocketAddress nameServer) {
        return new EndpointOptions(this.resolveInterval, this.backoff, nameServer);
    }

}
