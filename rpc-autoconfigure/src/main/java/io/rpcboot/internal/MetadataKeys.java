package io.rpcboot.internal;

import org.jspecify.annotations.Nullable;

/**
 * The rule for metadata keys, shared by the Java client and the server's HTTP headers:
 * lower-case ASCII letters, digits, {@code -}, {@code _} and {@code .}, 1 to
 * {@value #MAX_LENGTH} characters. Depends on nothing else in rpcboot.
 */
public final class MetadataKeys {

    /** The most characters of a metadata key. */
    public static final int MAX_LENGTH = 64;

    private MetadataKeys() {
    }

    /**
     * Returns what is wrong with a key.
     * @param key the key
     * @return the problem, phrased to follow the key ("must have ..."), or {@code null}
     * when the key is valid
     */
    public static @Nullable String problem(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return "must have 1 to " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!valid) {
                return "may only contain lower-case ASCII letters, digits, '-', '_' and '.'";
            }
        }
        return null;
    }

}
