package io.rpcboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What this JVM has spent so far: the bytes allocated on the heap by all its threads, and
 * the CPU time of the process. The difference of two readings is the cost of what ran in
 * between. Where the JDK has {@code ThreadMXBean.getTotalThreadAllocatedBytes()} (JDK 21
 * and later, and JDK 17 updates with the backport), the allocation comes from it and
 * includes threads that have ended; elsewhere it is the sum over the live threads, plus
 * the last reading of each thread that has ended since (what a thread allocated between
 * the last reading and its end is missed).
 */
final class JvmCosts {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();

    private static final @Nullable Method TOTAL_ALLOCATED = totalAllocated();

    /** The last reading of each thread, for the threads that end between two readings. */
    private static final Map<Long, Long> lastSeen = new HashMap<>();

    private JvmCosts() {
    }

    /**
     * Returns whether the allocation includes threads that ended between two readings.
     * @return whether the JDK has {@code getTotalThreadAllocatedBytes()}
     */
    static boolean countsEndedThreads() {
        return TOTAL_ALLOCATED != null;
    }

    /**
     * Reads this JVM's costs so far.
     * @return the reading
     */
    static Reading read() {
        return new Reading(allocatedBytes(), OS.getProcessCpuTime());
    }

    private static synchronized long allocatedBytes() {
        if (TOTAL_ALLOCATED != null) {
            try {
                return (long) TOTAL_ALLOCATED.invoke(THREADS);
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Could not read the allocated bytes", ex);
            }
        }
        long[] ids = THREADS.getAllThreadIds();
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] >= 0) {
                lastSeen.put(ids[i], allocated[i]);
            }
        }
        long total = 0;
        for (long bytes : lastSeen.values()) {
            total += bytes;
        }
        return total;
    }

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return threads;
    }

    private static @Nullable Method totalAllocated() {
        try {
            // JDK 21+ and backported to some 17 updates; looked up once, since the module
            // is compiled for 17
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        }
        catch (NoSuchMethodException ex) {
            return null;
        }
    }

    /**
     * A reading of a JVM's costs.
     *
     * @param allocatedBytes the bytes allocated on the heap so far, all threads together
     * @param cpuNanos the CPU time of the process so far
     */
    record Reading(long allocatedBytes, long cpuNanos) {

        /**
         * Returns what was spent since an earlier reading.
         * @param earlier the earlier reading
         * @return the difference
         */
        Reading since(Reading earlier) {
            return new Reading(this.allocatedBytes - earlier.allocatedBytes, this.cpuNanos - earlier.cpuNanos);
        }

    }

}
