package io.rpcboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A JVM the runner starts: the same java executable, class path and JVM flags as the
 * runner's own (so server and load JVMs run with the same flags), plus flags for one role
 * from a system property ({@code -Dbench.server.jvmArgs=...},
 * {@code -Dbench.load.jvmArgs=...}, for a profiler). Its output goes line by line to a
 * handler; it ends when its standard input closes.
 */
final class JvmProcess implements AutoCloseable {

    private static final long READY_SECONDS = 120;

    private static final int TAIL_CHARS = 2000;

    /**
     * Flags of the runner that are not passed on: recordings, agents and the runner's own
     * settings.
     */
    private static final List<String> NOT_INHERITED = List.of("-XX:StartFlightRecording", "-XX:FlightRecorderOptions",
            "-agentlib:", "-agentpath:", "-javaagent:", "-Dbench.");

    private final Process process;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private final Thread reader;

    private JvmProcess(Process process, String name, Consumer<String> lines) {
        this.process = process;
        this.reader = new Thread(() -> read(lines), name + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts a JVM.
     * @param role {@code server} or {@code load}, which names the extra flags' property
     * @param mainClass the main class
     * @param arguments its arguments
     * @param lines receives each line it prints
     * @return the process
     */
    static JvmProcess start(String role, Class<?> mainClass, List<String> arguments, Consumer<String> lines) {
        return start(role, System.getProperty("java.class.path"), mainClass, arguments, lines);
    }

    /**
     * Starts a JVM on another class path than the runner's.
     * @param role names the extra flags' property, {@code bench.<role>.jvmArgs}
     * @param classPath the class path
     * @param mainClass the main class
     * @param arguments its arguments
     * @param lines receives each line it prints
     * @return the process
     */
    static JvmProcess start(String role, String classPath, Class<?> mainClass, List<String> arguments,
            Consumer<String> lines) {
        return start(role, List.of(), classPath, mainClass, arguments, lines);
    }

    /**
     * Starts a JVM on another class path than the runner's, with flags of its own after
     * the role's.
     * @param role names the extra flags' property, {@code bench.<role>.jvmArgs}
     * @param flags the flags of this JVM only
     * @param classPath the class path
     * @param mainClass the main class
     * @param arguments its arguments
     * @param lines receives each line it prints
     * @return the process
     */
    static JvmProcess start(String role, List<String> flags, String classPath, Class<?> mainClass,
            List<String> arguments, Consumer<String> lines) {
        List<String> all = jvmFlags(role);
        all.addAll(flags);
        return new JvmProcess(JavaProcesses.start(all, classPath, mainClass, arguments), role, lines);
    }

    /**
     * Returns the flags a started JVM gets: the runner's own, but those in
     * {@link #NOT_INHERITED}, then the role's extra flags.
     * @param role the role
     * @return the flags
     */
    static List<String> jvmFlags(String role) {
        List<String> flags = inheritedFlags();
        String extra = System.getProperty("bench." + role + ".jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            flags.addAll(List.of(extra.split("\\s+")));
        }
        return flags;
    }

    /**
     * Returns the runner's own flags that every started JVM gets.
     * @return the flags
     */
    static List<String> inheritedFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(flag::startsWith)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    private void read(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                this.output.add(line);
                lines.accept(line);
            }
        }
        catch (IOException ex) {
            // the process ended
        }
    }

    /**
     * Waits for the process to end by itself.
     * @param timeoutSeconds how long
     * @return its exit code
     * @throws IllegalStateException when it does not end in time
     */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!this.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process did not end within " + timeoutSeconds + " s");
        }
        this.reader.join(5000);
        return this.process.exitValue();
    }

    /**
     * Writes a line to the process's standard input.
     * @param line the line
     */
    void send(String line) {
        try {
            this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            this.process.getOutputStream().flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write to the process", ex);
        }
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Waits for the process to say it is ready.
     * @param <T> what it says
     * @param ready completed when it is
     * @param name the process, as error messages name it
     * @return what it said
     * @throws IllegalStateException when it ends, fails or is not ready within 120 s
     */
    <T> T await(CompletableFuture<T> ready, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                return ready.get(200, TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                if (!isAlive() && !ready.isDone()) {
                    throw new IllegalStateException(name + " ended before it was ready: " + outputTail());
                }
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException(name + " failed: " + ex.getCause(), ex);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + READY_SECONDS + " s: " + outputTail());
    }

    /**
     * Returns the end of what the process printed so far, to explain a failure.
     * @return its last 2,000 characters
     */
    String outputTail() {
        String output = output();
        return (output.length() > TAIL_CHARS) ? "..." + output.substring(output.length() - TAIL_CHARS) : output;
    }

    /**
     * Returns everything the process printed so far.
     * @return its output
     */
    String output() {
        synchronized (this.output) {
            return String.join(System.lineSeparator(), this.output);
        }
    }

    /**
     * Closes the process's standard input, which tells it to stop, and waits for it to
     * end; kills it when it does not.
     */
    @Override
    public void close() {
        JavaProcesses.stop(this.process, this.reader, 20);
    }

}
