package io.rpcboot.internal.client;

import java.util.Collection;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import org.jspecify.annotations.Nullable;

/**
 * A connection's calls waiting for an answer, by request id; event loop only.
 *
 * <p>
 * Request ids are consecutive, and the calls in flight are a window of them: stored by
 * the id itself, as the hash table of Netty's {@link IntObjectHashMap} would, they fill
 * one run of neighbouring slots, and removing the oldest call (answers come in about the
 * order of the requests) shifts back every entry after it, a cost that grows with the
 * calls in flight (a thousand slots per answer at a server's default limit). The table
 * stores each id multiplied by an odd constant instead: a one-to-one mapping that
 * scatters consecutive ids over the table, so that runs stay short at any number of calls
 * in flight.
 */
final class PendingCalls {

    /**
     * Odd, so that multiplying by it maps the ints one to one: 2^32 over the golden
     * ratio, whose multiples spread consecutive ids evenly.
     */
    private static final int SPREAD = 0x9E37_79B9;

    /** The inverse of {@link #SPREAD} modulo 2^32. */
    private static final int UNSPREAD = 0x144C_BC89;

    private final IntObjectMap<ClientCall> calls = new IntObjectHashMap<>();

    @Nullable ClientCall get(int id) {
        return this.calls.get(spread(id));
    }

    void put(int id, ClientCall call) {
        this.calls.put(spread(id), call);
    }

    @Nullable ClientCall remove(int id) {
        return this.calls.remove(spread(id));
    }

    int size() {
        return this.calls.size();
    }

    boolean isEmpty() {
        return this.calls.isEmpty();
    }

    /**
     * Runs an action for every call, in no particular order; the action must not change
     * the table.
     * @param action what to do with each call and its id
     */
    void forEach(Action action) {
        for (IntObjectMap.PrimitiveEntry<ClientCall> entry : this.calls.entries()) {
            action.accept(entry.key() * UNSPREAD, entry.value());
        }
    }

    /**
     * Returns the calls, a view of the table.
     * @return the calls
     */
    Collection<ClientCall> values() {
        return this.calls.values();
    }

    void clear() {
        this.calls.clear();
    }

    private static int spread(int id) {
        return id * SPREAD;
    }

    /** What {@link #forEach} runs for each call. */
    @FunctionalInterface
    interface Action {

        /**
         * Acts on a call.
         * @param id its request id
         * @param call the call
         */
        void accept(int id, ClientCall call);

    }

}
