package io.rpcboot.architecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API of rpc-autoconfigure is the committed baseline, so that new or changed
 * public API is always a deliberate change; and no public signature exposes a type of
 * {@code io.rpcboot.internal..}, which may change in any release.
 */
class PublicApiTests {

    private static final Path BASELINE = Path.of("src/test/resources/api-baseline.txt");

    private static final String UPDATE_PROPERTY = "rpcboot.api.update";

    @Test
    void publicApiIsTheCommittedBaseline() throws IOException {
        Set<String> actual = PublicApi.ofMainClasses().lines();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.write(BASELINE, actual, StandardCharsets.UTF_8);
        }
        Set<String> baseline = new TreeSet<>(Files.readAllLines(BASELINE, StandardCharsets.UTF_8));
        baseline.remove("");
        List<String> difference = new ArrayList<>();
        actual.stream().filter((line) -> !baseline.contains(line)).forEach((line) -> difference.add("+ " + line));
        baseline.stream().filter((line) -> !actual.contains(line)).forEach((line) -> difference.add("- " + line));
        assertThat(difference)
            .as("The public API differs from %s (+ new, - gone):%n%s%nIf the change is intended, update the"
                    + " baseline with ./mvnw -pl rpc-autoconfigure test -Dtest=PublicApiTests -D%s=true and"
                    + " commit it; otherwise make the new types or members package-private or move them under"
                    + " io.rpcboot.internal", BASELINE, String.join(System.lineSeparator(), difference),
                    UPDATE_PROPERTY)
            .isEmpty();
    }

    @Test
    void publicSignaturesExposeNoInternalType() {
        assertThat(PublicApi.ofMainClasses().internalTypesInSignatures())
            .as("Public types and members must not expose io.rpcboot.internal types")
            .isEmpty();
    }

}
