package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcEndpointSource;

/**
 * The current endpoints of one service, kept up to date from its
 * {@link RpcEndpointSource}: asked at start, every resolve interval, and soon after a
 * connection to one of the endpoints fails or closes (at most once a second). Each answer
 * replaces the snapshot: endpoints that stay are kept with their connections, new ones
 * are added, and removed ones are retired (they take no new call; their calls in flight
 * finish). A failed lookup keeps the previous snapshot.
 */
final class EndpointGroup {

    private static final Logger logger = LoggerFactory.getLogger(EndpointGroup.class);

    /** The shortest time between two lookups asked for by failures. */
    static final long MIN_REFRESH_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String service;

    private final RpcEndpointSource source;

    private final EndpointFactory endpoints;

    private final ScheduledExecutorService scheduler;

    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();

    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    private volatile List<Endpoint> snapshot = List.of();

    private volatile @Nullable String lookupFailure;

    private volatile long lastRefreshNanos = System.nanoTime() - MIN_REFRESH_SPACING_NANOS;

    private volatile boolean closed;

    private @Nullable ScheduledFuture<?> periodic;

    EndpointGroup(String service, RpcEndpointSource source, EndpointFactory endpoints,
            ScheduledExecutorService scheduler) {
        this.service = service;
        this.source = source;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
    }

    /**
     * Looks the endpoints up now, then every interval.
     */
    void start(Duration interval) {
        this.scheduler.execute(this::refresh);
        this.periodic = this.scheduler.scheduleWithFixedDelay(this::refresh, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Returns the current endpoints.
     * @return an immutable snapshot
     */
    List<Endpoint> endpoints() {
        return this.snapshot;
    }

    /**
     * Returns a future completed when the first lookup answered or failed.
     */
    CompletableFuture<Void> firstAnswer() {
        return this.firstAnswer;
    }

    /**
     * Returns why the last lookup failed, {@code null} when it did not.
     */
    @Nullable String lookupFailure() {
        return this.lookupFailure;
    }

    /**
     * Returns where the endpoints come from, for messages.
     */
    String source() {
        return this.source.toString();
    }

    /**
     * Asks for a lookup soon: at once unless one ran less than a second ago. Calls while
     * one is queued are folded into it.
     */
    // nothing cancels or waits for the queued refresh
    @SuppressWarnings("FutureReturnValueIgnored")
    void requestRefresh() {
        if (this.closed || !this.refreshQueued.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, this.lastRefreshNanos + MIN_REFRESH_SPACING_NANOS - System.nanoTime());
        try {
            this.scheduler.schedule(() -> {
                this.refreshQueued.set(false);
                refresh();
            }, delay, TimeUnit.NANOSECONDS);
        }
        catch (RuntimeException ex) { // rejected: the client is closing
            this.refreshQueued.set(false);
        }
    }

    private void refresh() {
        if (this.closed) {
            return;
        }
        this.lastRefreshNanos = System.nanoTime();
        CompletionStage<List<InetSocketAddress>> answer;
        try {
            answer = this.source.endpoints(this.service);
        }
        catch (RuntimeException ex) {
            failed(ex);
            return;
        }
        answer.whenComplete((addresses, failure) -> {
            if (failure != null) {
                failed(failure);
            }
            else {
                update(addresses);
            }
        });
    }

    private void failed(Throwable failure) {
        Throwable cause = (failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException)
                ? failure.getCause() : failure;
        String message = String.valueOf(cause.getMessage());
        if (!message.equals(this.lookupFailure)) {
            logger.warn("Cannot look up the endpoints of service '{}': {}; keeping {}", this.service, message,
                    describe(this.snapshot));
        }
        this.lookupFailure = message;
        this.firstAnswer.complete(null);
    }

    /**
     * Replaces the snapshot with the endpoints of a lookup's answer.
     */
    synchronized void update(List<InetSocketAddress> addresses) {
        if (this.closed) {
            return;
        }
        Map<InetSocketAddress, Endpoint> previous = new LinkedHashMap<>();
        for (Endpoint endpoint : this.snapshot) {
            previous.put(endpoint.socketAddress(), endpoint);
        }
        Map<InetSocketAddress, Endpoint> next = new LinkedHashMap<>();
        List<Endpoint> added = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            if (next.containsKey(address)) {
                continue;
            }
            Endpoint endpoint = previous.remove(address);
            if (endpoint == null) {
                endpoint = this.endpoints.create(address, this::requestRefresh);
                added.add(endpoint);
            }
            next.put(address, endpoint);
        }
        this.lookupFailure = null;
        if (!added.isEmpty() || !previous.isEmpty()) {
            this.snapshot = List.copyOf(next.values());
            logger.info("Service '{}' has {} endpoint(s){}{}", this.service, next.size(),
                    added.isEmpty() ? "" : "; added " + describe(added),
                    previous.isEmpty() ? "" : "; removed " + describe(previous.values()));
            previous.values().forEach(Endpoint::retire);
        }
        this.firstAnswer.complete(null);
    }

    private static String describe(java.util.Collection<Endpoint> endpoints) {
        return endpoints.stream().map((endpoint) -> endpoint.address().toString()).toList().toString();
    }

    synchronized void close() {
        this.closed = true;
        ScheduledFuture<?> task = this.periodic;
        if (task != null) {
            task.cancel(false);
        }
        this.snapshot.forEach(Endpoint::close);
    }

    /**
     * Creates the endpoint of an address.
     */
    @FunctionalInterface
    interface EndpointFactory {

        /**
         * Creates an endpoint.
         * @param address the resolved address
         * @param onFailure to tell when a connection to it fails or closes unasked
         * @return the endpoint
         */
        Endpoint create(InetSocketAddress address, Runnable onFailure);

    }

}
