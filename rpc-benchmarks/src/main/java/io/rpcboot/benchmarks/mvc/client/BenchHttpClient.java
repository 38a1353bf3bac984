package io.rpcboot.benchmarks.mvc.client;

import java.util.List;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.rpcboot.benchmarks.api.Item;

/**
 * The Spring MVC server's calls as an HTTP interface client.
 */
@HttpExchange("/bench")
public interface BenchHttpClient {

    /**
     * Returns the item it is given.
     * @param item an item
     * @return the same item
     */
    @PostExchange("/echo")
    Item echo(@RequestBody Item item);

    /**
     * Returns {@code n} items.
     * @param n how many
     * @return the items
     */
    @GetExchange("/list")
    List<Item> list(@RequestParam("n") int n);

}
