package io.rpcboot.demo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that place orders one after the other, each on its own thread, until closed;
 * every call is recorded. The clients start a little apart, so that at any moment they
 * are at different steps of their orders, and a client pauses a little after a failed
 * call, as a real one would, rather than hammering a service that is down.
 */
final class OrderLoad implements AutoCloseable {

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);

    /**
     * Between the starts of the clients, so that they are at different steps of their
     * orders.
     */
    private static final Duration STAGGER = Duration.ofMillis(90);

    private final OrderApi api;

    private final String sku;

    private final Duration pause;

    private final ExecutorService clients;

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

    private volatile boolean running = true;

    private OrderLoad(OrderApi api, int clients, String sku, Duration pause) {
        this.api = api;
        this.sku = sku;
        this.pause = pause;
        this.clients = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            Duration offset = STAGGER.multipliedBy(i);
            this.clients.execute(() -> {
                LockSupport.parkNanos(offset.toNanos());
                placeOrders();
            });
        }
    }

    /**
     * Starts placing orders of one item.
     * @param api order-service's API
     * @param clients how many clients
     * @param sku the product to order
     * @return the running load
     */
    static OrderLoad start(OrderApi api, int clients, String sku) {
        return new OrderLoad(api, clients, sku, Duration.ZERO);
    }

    /**
     * Starts placing orders of one item at a steady pace: each client waits a while after
     * each order.
     * @param api order-service's API
     * @param clients how many clients
     * @param sku the product to order
     * @param pause how long each client waits after each order
     * @return the running load
     */
    static OrderLoad paced(OrderApi api, int clients, String sku, Duration pause) {
        return new OrderLoad(api, clients, sku, pause);
    }

    private void placeOrders() {
        while (this.running) {
            long start = System.nanoTime();
            Call call;
            try {
                OrderApi.Response response = this.api.placeOrder(this.sku, 1);
                call = new Call(start, System.nanoTime(), response.status(), response.field("rpcStatus"),
                        response.field("service"), response.field("detail"), response.field("reservationId"));
            }
            catch (RuntimeException ex) {
                call = new Call(start, System.nanoTime(), 0, "", "", String.valueOf(ex.getMessage()), "");
            }
            this.calls.add(call);
            if (call.status() != 201) {
                LockSupport.parkNanos(PAUSE_AFTER_FAILURE.toNanos());
            }
            else if (!this.pause.isZero()) {
                LockSupport.parkNanos(this.pause.toNanos());
            }
        }
    }

    /**
     * Returns how many orders succeeded that were placed after a moment.
     * @param nanos the moment, as {@link System#nanoTime()}
     * @return the number of successful orders
     */
    long successesPlacedAfter(long nanos) {
        return this.calls.stream().filter((call) -> call.status() == 201 && call.start() - nanos > 0).count();
    }

    /**
     * Returns every call made so far. Calls still in flight are not among them: ask after
     * {@link #close()} for every call the load made.
     * @return the calls, in no particular order
     */
    List<Call> calls() {
        return new ArrayList<>(this.calls);
    }

    @Override
    public void close() throws InterruptedException {
        this.running = false;
        this.clients.shutdown();
        if (!this.clients.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The clients did not finish their last orders within a minute");
        }
    }

    /**
     * One order.
     *
     * @param start when it was sent, as {@link System#nanoTime()}
     * @param end when its answer arrived
     * @param status the HTTP status, 0 when there was no answer
     * @param rpcStatus the {@code rpcStatus} of the problem answered, if any
     * @param service the {@code service} of the problem answered, if any
     * @param detail the {@code detail} of the problem answered, or what went wrong
     * without an answer
     * @param reservationId the inventory's reservation of a placed order, else empty
     */
    record Call(long start, long end, int status, String rpcStatus, String service, String detail,
            String reservationId) {

        boolean inFlightAt(long nanos) {
            return this.start - nanos <= 0 && this.end - nanos >= 0;
        }

    }

}
