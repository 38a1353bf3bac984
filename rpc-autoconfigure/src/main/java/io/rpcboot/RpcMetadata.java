package io.rpcboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rpcboot.internal.MetadataKeys;
import io.rpcboot.internal.MetadataSize;

/**
 * Metadata attached to the calls the current thread makes: string keys and values that
 * travel with each request, for example a tenant id. The server reads them from
 * {@link RpcContext#requestMetadata()}. <pre>{@code
 * try (RpcContext.Scope scope = RpcMetadata.attach("tenant", "acme")) {
 *     catalog.product("sku-1");
 * }
 * }</pre> Keys are lower-case: ASCII letters, digits, {@code -}, {@code _} and {@code .},
 * at most 64 characters. All the metadata of one call, keys and values together, is at
 * most {@value #MAX_BYTES} bytes of UTF-8; a server refuses requests with more.
 */
public final class RpcMetadata {

    /** The most bytes (UTF-8) of the keys and values of one call's metadata together. */
    public static final int MAX_BYTES = MetadataSize.MAX_BYTES;

    private static final ThreadLocal<Map<String, String>> OUTGOING = new ThreadLocal<>();

    private RpcMetadata() {
    }

    /**
     * Attaches one entry to the calls this thread makes until the scope is closed.
     * @param key the key
     * @param value the value
     * @return the scope that restores the previous metadata
     * @throws IllegalArgumentException when the key is not valid or the metadata grows
     * over the limit
     */
    public static RpcContext.Scope attach(String key, String value) {
        return attach(Map.of(key, value));
    }

    /**
     * Attaches entries to the calls this thread makes until the scope is closed; they add
     * to (and override) entries attached by enclosing scopes.
     * @param metadata the entries
     * @return the scope that restores the previous metadata
     * @throws IllegalArgumentException when a key is not valid or the metadata grows over
     * the limit
     */
    public static RpcContext.Scope attach(Map<String, String> metadata) {
        Map<String, String> previous = OUTGOING.get();
        Map<String, String> merged = (previous != null) ? new LinkedHashMap<>(previous) : new LinkedHashMap<>();
        metadata.forEach((key, value) -> merged.put(validKey(key), value));
        MetadataSize.requireWithinLimit(merged);
        OUTGOING.set(Map.copyOf(merged));
        return () -> {
            if (previous != null) {
                OUTGOING.set(previous);
            }
            else {
                OUTGOING.remove();
            }
        };
    }

    /**
     * Returns the metadata attached to this thread's calls.
     * @return the entries, empty when none
     */
    public static Map<String, String> outgoing() {
        Map<String, String> metadata = OUTGOING.get();
        return (metadata != null) ? metadata : Map.of();
    }

    private static String validKey(String key) {
        String problem = MetadataKeys.problem(key);
        if (problem != null) {
            throw new IllegalArgumentException("rpc metadata key '" + key + "' " + problem);
        }
        return key;
    }

}
