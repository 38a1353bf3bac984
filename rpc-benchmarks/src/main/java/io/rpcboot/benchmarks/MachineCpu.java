package io.rpcboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The CPU time the whole machine has spent so far, from Linux's {@code /proc/stat}: with
 * the CPU time of the two JVMs of a measurement, it tells how much of the CPUs other
 * processes took while a stack was measured, and how much the hypervisor took away
 * (steal). A round in which one stack's numbers drop is then seen to have been disturbed
 * from outside (or not). Elsewhere than on Linux there is no reading.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    /**
     * Linux reports {@code /proc/stat} in USER_HZ ticks, 100 per second on every
     * architecture.
     */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private MachineCpu() {
    }

    /**
     * Reads the machine's CPU time so far.
     * @return the reading, or {@code null} when {@code /proc/stat} cannot be read
     */
    static @Nullable Reading read() {
        try {
            List<String> lines = Files.readAllLines(STAT);
            if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
                return null;
            }
            String[] fields = lines.get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = tick(fields, 1) + tick(fields, 2) + tick(fields, 3) + tick(fields, 6) + tick(fields, 7);
            return new Reading(System.nanoTime(), busy * NANOS_PER_TICK, tick(fields, 8) * NANOS_PER_TICK);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static long tick(String[] fields, int index) {
        return (index < fields.length) ? Long.parseLong(fields[index]) : 0;
    }

    /**
     * Describes what other processes and the hypervisor took of the CPUs between two
     * readings, while the given JVMs spent the given CPU time.
     * @param before the reading when the measured calls started
     * @param after the reading when they ended
     * @param jvmsCpuNanos the CPU time of the measured stack's JVMs in between
     * @return for example {@code ", others 12% of the CPUs, steal 0%"}
     */
    static String others(Reading before, Reading after, long jvmsCpuNanos) {
        double capacity = (double) (after.wallNanos - before.wallNanos) * Runtime.getRuntime().availableProcessors();
        if (capacity <= 0) {
            return "";
        }
        long others = Math.max(0, (after.busyNanos - before.busyNanos) - jvmsCpuNanos);
        return String.format(Locale.ROOT, ", others %.0f%% of the CPUs, steal %.0f%%", 100 * others / capacity,
                100 * (after.stealNanos - before.stealNanos) / capacity);
    }

    /**
     * A reading of the machine's CPU time.
     *
     * @param wallNanos when it was read ({@code System.nanoTime()})
     * @param busyNanos the CPU time of every process and the kernel so far, all CPUs
     * together
     * @param stealNanos the time the hypervisor gave the CPUs to other machines so far
     */
    record Reading(long wallNanos, long busyNanos, long stealNanos) {
    }

}
