package io.rpcboot.benchmarks.api;

import java.util.List;

/**
 * The benchmark's message: about 95 bytes of JSON for the ids that echo sends, about 75
 * for the ids of a listed item.
 *
 * @param id the id
 * @param name the name
 * @param tags three tags
 * @param price the price
 */
public record Item(long id, String name, List<String> tags, double price) {
}
