package io.rpcboot.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the soak from rotting: a short soak with a small volume of every pattern must
 * complete, run every pattern against the server, and the well-behaved load must be
 * answered in every phase, the abuse included, by a server that survives it. Speed and
 * memory are not asserted here; {@code soak.sh} reports them.
 */
class SoakSmokeTests {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyPatternRunsAndTheWellBehavedLoadIsMeasuredInEveryPhase(@TempDir Path results)
            throws InterruptedException, IOException {
        Path report = results.resolve("soak-results.md");
        SoakOptions options = SoakOptions.parse("--seconds=2", "--volume=0.02", "--warmup=500", "--callers=4",
                "--results=" + report);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        SoakResult result = Soak.run(options, new PrintStream(output, true, StandardCharsets.UTF_8));
        System.out.print(output.toString(StandardCharsets.UTF_8));
        assertThat(result.phases()).extracting(PhaseResult::name).containsExactly("baseline", "abuse", "recovery");
        assertThat(result.phases().get(0).answered()).as("baseline").isPositive();
        assertThat(result.phases().get(2).answered()).as("recovery").isPositive();
        // one misbehaving peer must not stop the server from serving the others (issue
        // 11), nor make it
        // run requests hidden in the body of a frame it rejected
        assertThat(result.phases().get(1).answered()).as("abuse").isPositive();
        assertThat(result.survived()).as("server survived").isTrue();
        assertThat(result.hiddenRun()).as("hidden requests run").isZero();
        assertThat(result.abuse()).extracting(AbuseReport::name).containsExactlyElementsOf(Patterns.NAMES);
        assertThat(result.abuse()).allSatisfy((pattern) -> assertThat(pattern.connections() + pattern.refused())
            .as(pattern.name() + ": " + pattern.failure())
            .isPositive());
        assertThat(result.peakRssKb()).isPositive();
        assertThat(Files.readString(report)).contains("| abuse |").contains("| ping-flood |").contains("VmHWM");
        assertThat(results.resolve("soak-server.log")).exists();
    }

    @Test
    void unknownPatternIsRefusedWithTheKnownNames() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> SoakOptions.parse("--abuse=ping-flood,teardrop"))
            .withMessageContaining("teardrop")
            .withMessageContaining("slowloris");
    }

}
