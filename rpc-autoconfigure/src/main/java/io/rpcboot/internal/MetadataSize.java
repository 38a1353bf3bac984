package io.rpcboot.internal;

import java.util.Map;

/**
 * The size of call metadata as counted against its limit: the UTF-8 bytes of its keys and
 * values. Depends on nothing else in rpcboot, so that the public API and the runtime
 * share one count.
 */
public final class MetadataSize {

    /** The most bytes (UTF-8) of the keys and values of one call's metadata together. */
    public static final int MAX_BYTES = 8192;

    private MetadataSize() {
    }

    /**
     * Returns the size of metadata as counted against {@link #MAX_BYTES}.
     * @param metadata the entries
     * @return the bytes of their keys and values in UTF-8
     */
    public static int of(Map<String, String> metadata) {
        int size = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            size += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        return size;
    }

    /**
     * Checks metadata against {@link #MAX_BYTES}.
     * @param metadata the entries
     * @throws IllegalArgumentException when they are over the limit
     */
    public static void requireWithinLimit(Map<String, String> metadata) {
        int size = of(metadata);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "rpc metadata of " + size + " bytes is over the limit of " + MAX_BYTES + " bytes");
        }
    }

    /**
     * Counts the UTF-8 bytes of a string without encoding it (this runs for every call
     * served).
     */
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

}
