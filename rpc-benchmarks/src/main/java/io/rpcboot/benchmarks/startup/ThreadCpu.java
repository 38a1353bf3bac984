package io.rpcboot.benchmarks.startup;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The process's CPU time by thread group, read from Linux's {@code /proc/self/task/*}
 * {@code /stat} (each live thread's user and system time in clock ticks, its name in
 * {@code comm}) and {@code /proc/self/stat} (the whole process's, the ended threads'
 * included). The probe prints it as
 * {@code CPU_BY_THREAD <READY|CALLED> <group>=<ticks> ...}, or
 * {@code CPU_BY_THREAD <READY|CALLED> unavailable <reason>} elsewhere than on Linux.
 */
public final class ThreadCpu {

    /** The line's prefix. */
    public static final String PREFIX = "CPU_BY_THREAD ";

    /** The word that follows the moment when the platform cannot say. */
    public static final String UNAVAILABLE = "unavailable";

    private static final File TASKS = new File("/proc/self/task");

    private static final File PROCESS = new File("/proc/self/stat");

    /**
     * The index of {@code utime} among the fields after the name's closing parenthesis.
     */
    private static final int UTIME = 11;

    /** The index of {@code stime} among the same fields. */
    private static final int STIME = 12;

    private ThreadCpu() {
    }

    /**
     * Reads the CPU time of every live thread and of the process, and prints the line.
     * @param moment {@code READY} or {@code CALLED}
     * @return the line
     */
    static String line(String moment) {
        String[] tasks = TASKS.list();
        if (tasks == null || !PROCESS.canRead()) {
            return PREFIX + moment + " " + UNAVAILABLE + " no /proc/self/task on " + System.getProperty("os.name");
        }
        Map<Group, Long> ticks = new EnumMap<>(Group.class);
        long live = 0;
        for (String task : tasks) {
            String stat = read(new File(TASKS, task + "/stat"));
            if (stat == null) {
                continue; // the thread ended meanwhile: its time is among the ended
                          // threads'
            }
            Stat parsed = parse(stat);
            ticks.merge(Group.of(parsed.name()), parsed.ticks(), Long::sum);
            live += parsed.ticks();
        }
        String process = read(PROCESS);
        if (process == null) {
            return PREFIX + moment + " " + UNAVAILABLE + " /proc/self/stat unreadable";
        }
        ticks.put(Group.ENDED, Math.max(0, parse(process).ticks() - live));
        StringBuilder line = new StringBuilder(PREFIX).append(moment);
        for (Group group : Group.values()) {
            line.append(' ').append(group.key).append('=').append(ticks.getOrDefault(group, 0L));
        }
        return line.toString();
    }

    private static @Nullable String read(File file) {
        try (InputStream in = new FileInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            return null;
        }
    }

    /**
     * Parses a {@code stat} line: {@code pid (comm) state ppid ...}, where the name may
     * itself hold spaces and parentheses, so the fields are those after its last
     * {@code ')'}.
     * @param stat the line
     * @return the thread's name and its user and system time in clock ticks
     * @throws IllegalArgumentException when the line is not a {@code stat} line
     */
    static Stat parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("Not a stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split(" +", -1);
        if (fields.length <= STIME) {
            throw new IllegalArgumentException("Too few fields in the stat line: " + stat);
        }
        return new Stat(stat.substring(open + 1, close), Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]));
    }

    /**
     * Parses the groups of a line this class printed.
     * @param words the words after the moment
     * @return the clock ticks of each group, or {@code null} when the line says the
     * platform cannot tell
     */
    public static @Nullable Map<Group, Long> parseGroups(String[] words) {
        if (words.length == 0 || words[0].equals(UNAVAILABLE)) {
            return null;
        }
        Map<Group, Long> ticks = new EnumMap<>(Group.class);
        for (String word : words) {
            int equals = word.indexOf('=');
            ticks.put(Group.ofKey(word.substring(0, equals)), Long.parseLong(word.substring(equals + 1)));
        }
        return ticks;
    }

    /**
     * One thread's {@code stat}.
     *
     * @param name the thread's name ({@code comm}, at most 15 characters)
     * @param ticks its user and system time, in clock ticks
     */
    record Stat(String name, long ticks) {
    }

    /** The groups of threads the time is given for. */
    public enum Group {

        /**
         * The application's main thread, which runs Spring Boot's start-up (on Linux its
         * name stays the launcher's, {@code java}; the launcher's own first thread, idle,
         * has that name too).
         */
        MAIN("main", "main thread"),

        /** The JIT compilers ({@code C1 CompilerThre}, {@code C2 CompilerThre}). */
        JIT("jit", "JIT compilers"),

        /** The garbage collector's threads ({@code GC Thread#}, {@code G1 ...}). */
        GC("gc", "GC"),

        /** Spring Boot's background pre-initializer, while it runs. */
        PREINIT("preinit", "Spring Boot's background pre-initializer"),

        /** rpcboot's threads and Netty's. */
        RPC("rpc", "rpcboot and Netty"),

        /** The JVM's and the libraries' other threads. */
        OTHER("other", "other threads"),

        /**
         * Threads that ended before the reading: the process's time less the live
         * threads'.
         */
        ENDED("ended", "threads ended before");

        private final String key;

        private final String label;

        Group(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /**
         * Returns the group's name in a report.
         * @return the label
         */
        public String label() {
            return this.label;
        }

        /**
         * Returns the group of a live thread by its name.
         * @param name the thread's {@code comm}
         * @return its group
         */
        static Group of(String name) {
            if (name.equals("main") || name.equals("java")) {
                return MAIN;
            }
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return GC;
            }
            if (name.equals("background-prei")) {
                return PREINIT;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("rpc-") || lower.contains("eventloop") || lower.contains("netty")
                    || lower.startsWith("globaleventexec")) {
                return RPC;
            }
            return OTHER;
        }

        static Group ofKey(String key) {
            for (Group group : values()) {
                if (group.key.equals(key)) {
                    return group;
                }
            }
            throw new IllegalArgumentException("No thread group '" + key + "'");
        }

    }

}
