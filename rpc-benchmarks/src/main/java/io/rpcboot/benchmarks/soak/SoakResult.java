package io.rpcboot.benchmarks.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.Measurement;

/**
 * What a soak measured, and its report in Markdown.
 *
 * @param options what ran
 * @param serverFlags the server JVM's flags after {@link ServerJvm#CONTAINER_FLAGS}
 * @param phases baseline, abuse and recovery
 * @param abuse what each pattern sent and how the server treated it
 * @param hiddenSent the requests the hidden-requests pattern hid in malformed frames
 * @param hiddenRun how many of them the server ran, {@code -1} when unknown
 * @param peakRssKb the server JVM's peak resident memory (VmHWM), in KB
 * @param survived whether the server JVM ran at the end
 * @param exitCode its exit code when it ended by itself
 * @param loadAverage the machine's load average before the soak
 */
record SoakResult(SoakOptions options, List<String> serverFlags, List<PhaseResult> phases, List<AbuseReport> abuse,
        long hiddenSent, long hiddenRun, long peakRssKb, boolean survived, @Nullable Integer exitCode,
        double loadAverage) {

    private static final double MB = 1024 * 1024;

    /**
     * Returns whether the server survived and served the well-behaved load in every
     * phase.
     * @return whether the soak passed
     */
    boolean passed() {
        return this.survived && this.phases.stream().allMatch((phase) -> phase.answered() > 0);
    }

    void print(PrintStream out) {
        out.println();
        out.println("# rpcboot soak");
        out.println();
        out.printf(Locale.ROOT,
                "Server JVM: `%s`. Load: echo, %d callers, closed loop, from the soak JVM. "
                        + "%d s per phase. Abuse: %s (volume %.2f). Load average before: %.2f.%n",
                String.join(" ", concat(ServerJvm.CONTAINER_FLAGS, this.serverFlags)), this.options.callers(),
                this.options.phase().toSeconds(), String.join(", ", this.options.abuse()), this.options.volume(),
                this.loadAverage);
        out.println();
        out.println("| phase | calls/s | p50 (us) | p99 (us) | max (us) | calls | errors | calls/s vs baseline "
                + "| p99 vs baseline |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        @Nullable Measurement baseline = this.phases.get(0).load();
        for (PhaseResult phase : this.phases) {
            Measurement m = phase.load();
            if (m == null) {
                out.println("| " + phase.name() + " | not run: the server had ended | | | | | | | |");
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %,.0f | %,d | %,d | %,d | %,d | %,d | %s | %s |%n", phase.name(),
                    m.throughput(), m.p50Nanos() / 1000, m.p99Nanos() / 1000, m.maxNanos() / 1000, m.calls(),
                    m.errors(), (baseline != null) ? ratio(m.throughput(), baseline.throughput()) : "-",
                    (baseline != null) ? ratio((double) m.p99Nanos(), (double) baseline.p99Nanos()) : "-");
        }
        out.println();
        out.println("| server at the end of | heap used (MB) | heap committed (MB) | direct, NIO (MB) "
                + "| direct, Netty (MB) | threads | log lines | WARN | ERROR | log (MB) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PhaseResult phase : this.phases) {
            Map<String, Long> s = phase.server();
            LogCounts log = phase.log();
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d | %,d | %,d | %.1f |%n", phase.name(),
                    mb(s, "heapUsed"), mb(s, "heapCommitted"), mb(s, "nioDirect"), mb(s, "nettyDirect"),
                    s.containsKey("threads") ? String.valueOf(s.get("threads")) : "-", log.lines(), log.warnLines(),
                    log.errorLines(), log.bytes() / MB);
        }
        out.println();
        out.printf(Locale.ROOT, "Server peak resident memory (VmHWM): %.0f MB. Server survived: %s.%n",
                this.peakRssKb / 1024.0, this.survived ? "yes"
                        : "**no** (exit code " + this.exitCode + "; see soak-server.log next to this report)");
        if (!this.abuse.isEmpty()) {
            out.println();
            out.println("| pattern | sent | bytes sent (MB) | how the server treated it |");
            out.println("|---|---|---:|---|");
            for (AbuseReport report : this.abuse) {
                out.printf(Locale.ROOT, "| %s | %s | %.1f | %s |%n", report.name(), report.sent(),
                        report.bytesSent() / MB, report.treatment());
            }
            if (this.hiddenSent > 0) {
                out.println();
                out.printf(Locale.ROOT,
                        "Requests hidden in malformed frames that the server ran: %s of %,d " + "(expected: 0).%n",
                        (this.hiddenRun >= 0) ? String.format(Locale.ROOT, "%,d", this.hiddenRun)
                                : "unknown (the server did not answer)",
                        this.hiddenSent);
            }
        }
        for (PhaseResult phase : this.phases) {
            Measurement m = phase.load();
            if (m != null && m.firstError() != null) {
                out.println("- first error of the load, " + phase.name() + ": " + m.firstError());
            }
        }
        out.println();
        out.println(passed() ? "Verdict: the server survived and served the well-behaved load in every phase."
                : "Verdict: **failed**: the server did not survive, or the well-behaved load got no answer in a phase.");
    }

    private static String ratio(double value, double baseline) {
        return (baseline > 0) ? String.format(Locale.ROOT, "%.2fx", value / baseline) : "-";
    }

    private static String mb(Map<String, Long> status, String key) {
        Long value = status.get(key);
        return (value == null || value < 0) ? "-" : String.format(Locale.ROOT, "%.0f", value / MB);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
