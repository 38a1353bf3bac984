package io.rpcboot.benchmarks.startup;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.rpcboot.benchmarks.startup.ThreadCpu.Group;
import io.rpcboot.benchmarks.startup.ThreadCpu.Stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The CPU time by thread group: parsing Linux's {@code stat} lines, grouping threads by
 * name, and the line the probe prints.
 */
class ThreadCpuTests {

    @Test
    void theTimesAreTheFieldsAfterTheNamesLastParenthesisEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 4200 4200 0 0 -1 1077936192 3036 0 0 0 171 29 0 0 20 0 30 0 "
                + "12345 0 0 18446744073709551615 0 0 0 0 0 0 0 4096 17663 0 0 0 -1 1 0 0 0 0 0";
        assertThat(ThreadCpu.parse(stat)).isEqualTo(new Stat("C2 CompilerThre", 200));
        String odd = "17 (a) b (c) d)) R 1 17 17 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 1 0 99 0 0";
        assertThat(ThreadCpu.parse(odd)).isEqualTo(new Stat("a) b (c) d)", 12));
    }

    @Test
    void aLineThatIsNotAStatLineIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ThreadCpu.parse("no parenthesis 1 2 3"));
        assertThatIllegalArgumentException().isThrownBy(() -> ThreadCpu.parse("12 (name) S 1 2"));
    }

    @Test
    void threadsAreGroupedByTheirTruncatedNames() {
        assertThat(Group.of("java")).isEqualTo(Group.MAIN);
        assertThat(Group.of("main")).isEqualTo(Group.MAIN);
        assertThat(Group.of("C1 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(Group.of("C2 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(Group.of("GC Thread#1")).isEqualTo(Group.GC);
        assertThat(Group.of("G1 Conc#0")).isEqualTo(Group.GC);
        assertThat(Group.of("G1 Main Marker")).isEqualTo(Group.GC);
        assertThat(Group.of("background-prei")).isEqualTo(Group.PREINIT);
        assertThat(Group.of("rpc-server-io-1")).isEqualTo(Group.RPC);
        assertThat(Group.of("rpc-client-io-2")).isEqualTo(Group.RPC);
        assertThat(Group.of("globalEventExec")).isEqualTo(Group.RPC);
        assertThat(Group.of("VM Thread")).isEqualTo(Group.OTHER);
        assertThat(Group.of("Signal Dispatch")).isEqualTo(Group.OTHER);
    }

    @Test
    void theUnavailableLineParsesToNoGroups() {
        assertThat(ThreadCpu.parseGroups(new String[] { ThreadCpu.UNAVAILABLE, "no", "/proc" })).isNull();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProbesLineGivesEveryGroupAndTheCurrentThreadsTime() {
        String line = ThreadCpu.line("READY");
        assertThat(line).startsWith(ThreadCpu.PREFIX + "READY ");
        String[] words = line.substring(ThreadCpu.PREFIX.length()).split(" ");
        Map<Group, Long> groups = ThreadCpu.parseGroups(java.util.Arrays.copyOfRange(words, 1, words.length));
        assertThat(groups).containsOnlyKeys(Group.values());
        assertThat(groups.values()).allSatisfy((ticks) -> assertThat(ticks).isNotNegative());
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }

}
