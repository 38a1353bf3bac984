package io.rpcboot.benchmarks.api;

import java.util.ArrayList;
import java.util.List;

import io.rpcboot.benchmarks.grpc.proto.ItemMessage;

/**
 * Makes the items every stack sends, from the same values: the records for the Java
 * stacks and the protobuf messages for gRPC. Callers and servers build a new object per
 * item on every call, so no stack profits from caching (protobuf messages, for one,
 * remember their serialized size).
 */
public final class Workload {

    /**
     * The ids that echo sends start here, so that an echoed item is about 95 bytes of
     * JSON.
     */
    public static final long ECHO_ID_BASE = 1_000_000_000_000L;

    /** The tags of every item. */
    public static final List<String> TAGS = List.of("alpha", "beta", "gamma");

    private static final int NAMED = 1024;

    private static final String[] NAMES = new String[NAMED];

    static {
        for (int i = 0; i < NAMED; i++) {
            NAMES[i] = "item-" + i;
        }
    }

    private Workload() {
    }

    /**
     * Returns the item with the given id.
     * @param id the id
     * @return a new item
     */
    public static Item item(long id) {
        return new Item(id, name(id), TAGS, price(id));
    }

    /**
     * Returns the protobuf message of the item with the given id.
     * @param id the id
     * @return a new message equal in content to {@link #item(long)}
     */
    public static ItemMessage message(long id) {
        return ItemMessage.newBuilder().setId(id).setName(name(id)).addAllTags(TAGS).setPrice(price(id)).build();
    }

    /**
     * Returns the items a list call answers: ids {@code 0} to {@code n - 1}.
     * @param n how many
     * @return a new list of new items
     */
    public static List<Item> items(int n) {
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(item(i));
        }
        return items;
    }

    /**
     * Returns whether a list answer is the one {@link #items(int)} makes, checked by its
     * size and its last item.
     * @param items the answer
     * @param n how many were asked for
     * @return whether it is right
     */
    public static boolean isList(List<Item> items, int n) {
        return items.size() == n && (n == 0 || items.get(n - 1).equals(item(n - 1)));
    }

    private static String name(long id) {
        return (id >= 0 && id < NAMED) ? NAMES[(int) id] : "item-" + id;
    }

    private static double price(long id) {
        return (id % 10_000) / 100.0;
    }

}
