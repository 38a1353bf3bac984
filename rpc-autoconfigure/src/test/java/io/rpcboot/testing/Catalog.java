package io.rpcboot.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcClient;

/**
 * A service whose methods take and return records, enums, collections and futures, and
 * declare an exception: what a native image needs hints for.
 */
@RpcClient(name = "catalog")
public interface Catalog {

    Item item(String sku) throws UnknownItemException;

    CompletableFuture<List<Item>> search(Query query);

    record Item(String sku, String name, Category category, Price price) {
    }

    record Price(long cents, String currency) {
    }

    record Query(String text, List<Category> categories) {
    }

    enum Category {

        BOOKS, GAMES

    }

    class UnknownItemException extends Exception {

        public UnknownItemException(String message) {
            super(message);
        }

    }

}
