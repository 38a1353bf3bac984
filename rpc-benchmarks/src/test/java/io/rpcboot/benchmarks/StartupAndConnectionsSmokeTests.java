package io.rpcboot.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.OS;

import io.rpcboot.benchmarks.StartupCost.Run;
import io.rpcboot.benchmarks.StartupCost.Variant;
import io.rpcboot.benchmarks.startup.ThreadCpu.Group;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the standalone measurements of {@code run.sh --startup} and
 * {@code run.sh --connections} from rotting, with the fewest runs and connections: every
 * application and connection does what is measured. Speed is never asserted.
 */
class StartupAndConnectionsSmokeTests {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void bothApplicationsStartAndAnswerTheirFirstCallAndTheOneWithoutTheStarterHasNoRpcboot()
            throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StartupCost startup = new StartupCost(out, 1, 0);
        List<Run> runs = startup.measure();
        assertThat(runs).extracting(Run::variant).containsExactly(Variant.WITH_STARTER, Variant.WITHOUT_STARTER);
        assertThat(runs).allSatisfy((run) -> {
            assertThat(run.answered()).as(run.variant() + " answered its first call correctly").isTrue();
            assertThat(run.readyMillis()).isPositive();
            assertThat(run.calledMillis()).isGreaterThanOrEqualTo(run.readyMillis());
            assertThat(run.uptimeAtCall()).isGreaterThanOrEqualTo(run.uptimeAtReady());
            assertThat(run.springMillis()).isPositive();
            assertThat(run.cpuAtReady()).isPositive();
            assertThat(run.cpuAtCall()).isGreaterThanOrEqualTo(run.cpuAtReady());
            if (OS.LINUX.isCurrentOs()) {
                // every group is reported, and the groups add up to the process's CPU
                // time
                assertThat(run.threadsAtReady()).containsOnlyKeys(Group.values());
                assertThat(run.threadsAtReady().get(Group.MAIN)).isPositive();
                assertThat(run.threadsAtReady().values().stream().mapToLong(Long::longValue).sum())
                    .isGreaterThanOrEqualTo(run.cpuAtReady() * 9 / 10);
                assertThat(run.threadsAtCall()).containsOnlyKeys(Group.values());
            }
        });
        // the application without the starter ran on a class path without rpcboot
        assertThat(runs.get(0).starterPresent()).isTrue();
        assertThat(runs.get(1).starterPresent()).isFalse();
        startup.print(runs, 0);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| with the starter | ")
            .contains("| without rpcboot | ")
            .contains("| time to ready | ")
            .contains("| CPU time at ready | ")
            .contains("(range: too few pairs) | 1 |")
            .contains("Target: the starter adds under 100 ms");
        if (OS.LINUX.isCurrentOs()) {
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| with the starter | ready | ")
                .contains("| JIT compilers | ");
        }
    }

    @Test
    void eachStartWithTheStarterIsComparedWithTheStartWithoutItOfTheSameTurn() {
        List<Run> runs = List.of(run(Variant.WITH_STARTER, 3000), run(Variant.WITHOUT_STARTER, 2800),
                run(Variant.WITHOUT_STARTER, 2500), run(Variant.WITH_STARTER, 2650));
        assertThat(StartupCost.pairedDifferences(runs, Run::readyMillis)).containsExactly(200, 150);
    }

    private static Run run(Variant variant, long readyMillis) {
        return new Run(variant, readyMillis, readyMillis + 10, readyMillis, readyMillis + 10, readyMillis, 1000, 1100,
                true, variant == Variant.WITH_STARTER, Map.of(), Map.of());
    }

    @Test
    void theClassPathWithoutTheStarterKeepsEverythingButRpcbootsJarsAndModules() {
        String separator = java.io.File.pathSeparator;
        String classPath = String.join(separator, "/work/rpc-benchmarks/target/classes",
                "/m2/io/rpcboot/rpc-autoconfigure/0.1.0-SNAPSHOT/rpc-autoconfigure-0.1.0-SNAPSHOT.jar",
                "/work/rpc-spring-boot-starter/target/classes", "/m2/io/netty/netty-codec/4.2/netty-codec-4.2.jar",
                "/work/rpc-autoconfigure/target/rpc-autoconfigure-0.1.0-SNAPSHOT.jar");
        assertThat(StartupCost.withoutRpcboot(classPath).split(separator))
            .containsExactly("/work/rpc-benchmarks/target/classes", "/m2/io/netty/netty-codec/4.2/netty-codec-4.2.jar");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyConnectionMakesItsCallAndTheServerReportsItsMemoryAndThreads() throws InterruptedException {
        ManyConnections many = new ManyConnections(System.out, 20, Duration.ofSeconds(1));
        for (ManyConnections.Case each : ManyConnections.CASES) {
            ManyConnections.Result result = many.measure(each);
            String what = each.stack().label();
            assertThat(result.connected().calls()).as(what + ": connections that made their call").isEqualTo(20);
            assertThat(result.connected().errors()).as(what).isZero();
            assertThat(result.loaded().calls()).as(what + ": calls under load").isPositive();
            assertThat(result.loaded().errors()).as(what).isZero();
            assertThat(result.none().heap()).as(what).isPositive();
            assertThat(result.idle().heap()).as(what).isPositive();
            assertThat(result.none().threads()).as(what).isPositive();
            assertThat(result.idle().threads()).as(what).isPositive();
            assertThat(result.loaded().threads()).as(what).isPositive();
        }
    }

}
