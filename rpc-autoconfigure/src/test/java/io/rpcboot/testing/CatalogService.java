package io.rpcboot.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rpcboot.annotation.RpcService;

/**
 * The {@link Catalog}'s implementation: one book.
 */
@RpcService
class CatalogService implements Catalog {

    static final Item BOOK = new Item("sku-1", "Dune", Category.BOOKS, new Price(1299, "EUR"));

    @Override
    public Item item(String sku) throws UnknownItemException {
        if (!BOOK.sku().equals(sku)) {
            throw new UnknownItemException("no item " + sku);
        }
        return BOOK;
    }

    @Override
    public CompletableFuture<List<Item>> search(Query query) {
        return CompletableFuture
            .completedFuture(query.categories().contains(Category.BOOKS) ? List.of(BOOK) : List.of());
    }

}
