package io.rpcboot.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcClient;

/**
 * The service the HTTP tests call: results of several kinds, overloads, declared and
 * undeclared exceptions, and views of the call's context.
 */
@RpcClient(name = "shop")
public interface Shop {

    String greet(String name);

    Item item(String sku);

    List<Item> items(List<String> skus);

    void touch(String sku);

    int price(String sku);

    int price(String sku, int quantity);

    String describe(String text);

    String describe(int number);

    Item reserve(String sku, int quantity) throws OutOfStockException;

    String fail(RpcStatus status, String message);

    String crash(String message);

    CompletableFuture<String> later(String name);

    String block();

    Map<String, String> metadata();

    long remainingMillis();

    String echo(String text);

    Order order(String id);

    /**
     * A product.
     *
     * @param sku its stock keeping unit
     * @param quantity how many are in stock
     * @param unitPrice its price
     * @param category what kind of product it is
     */
    record Item(String sku, int quantity, BigDecimal unitPrice, Category category) {
    }

    /**
     * An order, with property types whose JSON forms differ: a nested list of records, a
     * map, a number written as a string, bytes, an instant, and itself.
     *
     * @param id its id
     * @param items what was ordered
     * @param counts how many of each SKU
     * @param total its total, written as a string
     * @param signature its signature
     * @param placedAt when it was placed
     * @param previous the order it replaces, if any
     */
    record Order(String id, List<Item> items, Map<String, Integer> counts,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, byte[] signature, Instant placedAt,
            Order previous) {
    }

    /** Kinds of products. */
    enum Category {

        BOOK, TOOL

    }

    /** Thrown when fewer are in stock than asked for. */
    class OutOfStockException extends Exception {

        private static final long serialVersionUID = 1L;

        public OutOfStockException(String message) {
            super(message);
        }

    }

}
