package io.rpcboot.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;

/**
 * The implementation of {@link Shop} that the HTTP tests' servers export.
 * {@link #block()} waits until its thread is interrupted (by a cancel) or
 * {@link #unblock()} is called.
 */
@RpcService
public class ShopService implements Shop {

    private final Semaphore blockStarted = new Semaphore(0);

    private volatile CountDownLatch blocked = new CountDownLatch(1);

    @Override
    public String greet(String name) {
        return "Hello, " + name;
    }

    @Override
    public Item item(String sku) {
        return new Item(sku, 3, new BigDecimal("9.90"), Category.BOOK);
    }

    @Override
    public List<Item> items(List<String> skus) {
        return skus.stream().map(this::item).toList();
    }

    @Override
    public void touch(String sku) {
    }

    @Override
    public int price(String sku) {
        return 10;
    }

    @Override
    public int price(String sku, int quantity) {
        return 10 * quantity;
    }

    @Override
    public String describe(String text) {
        return "text " + text;
    }

    @Override
    public String describe(int number) {
        return "number " + number;
    }

    @Override
    public Item reserve(String sku, int quantity) throws OutOfStockException {
        if (quantity > 3) {
            throw new OutOfStockException("only 3 left of " + sku);
        }
        return new Item(sku, quantity, new BigDecimal("9.90"), Category.BOOK);
    }

    @Override
    public String fail(RpcStatus status, String message) {
        throw new RpcException(status, message);
    }

    @Override
    public String crash(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public CompletableFuture<String> later(String name) {
        return CompletableFuture.supplyAsync(() -> "Later, " + name);
    }

    @Override
    public String block() {
        this.blockStarted.release();
        try {
            this.blocked.await();
            return "unblocked";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Waits until a call to {@link #block()} has started.
     * @return whether one started within ten seconds
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitBlockStarted() throws InterruptedException {
        return this.blockStarted.tryAcquire(10, TimeUnit.SECONDS);
    }

    /** Lets the calls to {@link #block()} return, and later ones too. */
    public void unblock() {
        this.blocked.countDown();
    }

    /** Makes calls to {@link #block()} wait again. */
    public void reset() {
        this.blockStarted.drainPermits();
        this.blocked = new CountDownLatch(1);
    }

    @Override
    public Map<String, String> metadata() {
        return RpcContext.current().requestMetadata();
    }

    @Override
    public long remainingMillis() {
        Duration remaining = RpcContext.current().remainingTime();
        return (remaining != null) ? remaining.toMillis() : -1;
    }

    @Override
    public String echo(String text) {
        return text;
    }

    @Override
    public Order order(String id) {
        return new Order(id, List.of(item("sku-1")), Map.of("sku-1", 1), new BigDecimal("9.90"), new byte[] { 1, 2 },
                Instant.parse("2026-01-02T03:04:05Z"), null);
    }

}
