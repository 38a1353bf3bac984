package io.rpcboot.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size that counts against the metadata limit is the UTF-8 size of keys and values,
 * as they are on the wire.
 */
class MetadataSizeTests {

    @Test
    void sizeIsTheUtf8LengthOfKeysAndValues() {
        Map<String, String> metadata = Map.of("tenant", "acme", "city", "Zürich", "emoji", "\uD83D\uDE80 go", "cjk",
                "東京");
        int expected = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            expected += entry.getKey().getBytes(StandardCharsets.UTF_8).length
                    + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(MetadataSize.of(metadata)).isEqualTo(expected).isEqualTo(6 + 4 + 4 + 7 + 5 + 7 + 3 + 6);
    }

}
