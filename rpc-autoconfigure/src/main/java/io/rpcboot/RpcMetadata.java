package io.rpcboot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata attached to the calls the current thread makes: string keys and values that travel with
 * each request, for example a tenant id. The server reads them from
 * {@link RpcContext#requestMetadata()}.
 * <pre>{@code
 * try (RpcContext.Scope scope = RpcMetadata.attach("tenant", "acme")) {
 *     catalog.product("sku-1");
 * }
 * }</pre>
 * Keys are lower-case: ASCII letters, digits, {@code -}, {@code _} and {@code .}, at most 64
 * characters. All the metadata of one call, keys and values together, is at most
 * {@value #MAX_BYTES} bytes of UTF-8; a server refuses requests with more.
 */
public final class RpcMetadata {

    /** The most bytes (UTF-8) of the keys and values of one call's metadata together. */
    public static final int MAX_BYTES = 8192;

    private static final int MAX_KEY_LENGTH = 64;

    private static final ThreadLocal<Map<String, String>> OUTGOING = new ThreadLocal<>();

    private RpcMetadata() {
    }

    /**
     * Attaches one entry to the calls this thread makes until the scope is closed.
     * @param key the key
     * @param value the value
     * @return the scope that restores the previous metadata
     * @throws IllegalArgumentException when the key is not valid or the metadata grows over the limit
     */
    public static RpcContext.Scope attach(String key, String value) {
        return attach(Map.of(key, value));
    }

    /**
     * Attaches entries to the calls this thread makes until the scope is closed; they add to (and
     * override) entries attached by enclosing scopes.
     * @param metadata the entries
     * @return the scope that restores the previous metadata
     * @throws IllegalArgumentException when a key is not valid or the metadata grows over the limit
     */
    public static RpcContext.Scope attach(Map<String, String> metadata) {
        Map<String, String> previous = OUTGOING.get();
        Map<String, String> merged = (previous != null) ? new LinkedHashMap<>(previous) : new LinkedHashMap<>();
        metadata.forEach((key, value) -> merged.put(validKey(key), value));
        requireWithinLimit(merged);
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

    /**
     * Returns the size of metadata as counted against {@link #MAX_BYTES}.
     * @param metadata the entries
     * @return the bytes of their keys and values in UTF-8
     */
    public static int sizeOf(Map<String, String> metadata) {
        int size = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            size += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        return size;
    }

    /** Counts the UTF-8 bytes of a string without encoding it (this runs for every call served). */
    private static int utf8Length(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            }
            else if (c < 0x800) {
                length += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            }
            else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * Checks metadata against {@link #MAX_BYTES}.
     * @param metadata the entries
     * @throws IllegalArgumentException when they are over the limit
     */
    public static void requireWithinLimit(Map<String, String> metadata) {
        int size = sizeOf(metadata);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "rpc metadata of " + size + " bytes is over the limit of " + MAX_BYTES + " bytes");
        }
    }

    private static String validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("rpc metadata key '" + key + "' must have 1 to " + MAX_KEY_LENGTH
                    + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!valid) {
                throw new IllegalArgumentException("rpc metadata key '" + key
                        + "' may only contain lower-case ASCII letters, digits, '-', '_' and '.'");
            }
        }
        return key;
    }

}
