package io.rpcboot.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for the string key/value metadata that travels with requests and responses.
 */
final class Metadata {

    private Metadata() {
    }

    static Map<String, String> of(String[] keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>(keysAndValues.length);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

}
