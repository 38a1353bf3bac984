package io.rpcboot.benchmarks.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.rpcboot.benchmarks.JavaProcesses;

/**
 * The server JVM of the soak, sized as the project's containers run it, with its output
 * counted line by line ({@link LogCounts}) and copied to a file up to a size (a flood of
 * log lines must not fill the soak machine's disk). It also reads the process's peak
 * resident memory from {@code /proc/<pid>/status}.
 */
final class ServerJvm implements AutoCloseable {

    /**
     * The server's JVM flags: the heap that {@code -XX:MaxRAMPercentage=75} gives in the
     * project's 768 MB containers, as much direct memory (the JVM's default is the heap's
     * size), the end of the JVM on an {@code OutOfMemoryError} the JVM raises (as the
     * containers do, so that a server the abuse exhausts shows as a failed soak), and the
     * collector the JVM picks for a machine of less than 2 GB.
     */
    static final List<String> CONTAINER_FLAGS = List.of("-Xmx576m", "-XX:MaxDirectMemorySize=576m",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC");

    private static final long LOG_FILE_LIMIT = 64L * 1024 * 1024;

    private static final int LINE_HEAD = 256;

    private final Process process;

    private final Thread reader;

    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private final List<String> firstLines = new ArrayList<>();

    private volatile long lines;

    private volatile long warnLines;

    private volatile long errorLines;

    private volatile long bytes;

    private volatile long peakRssKb;

    private int statusSequence;

    private ServerJvm(Process process, Path logFile) {
        this.process = process;
        this.reader = new Thread(() -> read(logFile), "soak-server-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts the server JVM.
     * @param extraFlags flags after {@link #CONTAINER_FLAGS} (the later of two flags
     * wins)
     * @param logFile where its output goes, up to 64 MB
     * @return the process
     */
    static ServerJvm start(List<String> extraFlags, Path logFile) {
        List<String> flags = new ArrayList<>(CONTAINER_FLAGS);
        flags.addAll(extraFlags);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create the directory of " + logFile, ex);
        }
        return new ServerJvm(
                JavaProcesses.start(flags, System.getProperty("java.class.path"), SoakServerMain.class, List.of()),
                logFile);
    }

    /**
     * Waits for the server to listen.
     * @param timeoutSeconds how long
     * @return its port
     * @throws IllegalStateException when it ends or does not start in time
     */
    int awaitReady(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = this.replies.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(SoakServerMain.READY)) {
                return Integer.parseInt(line.substring(SoakServerMain.READY.length()).trim());
            }
            if (line == null && !this.process.isAlive()) {
                break;
            }
        }
        throw new IllegalStateException("the server JVM did not start: " + String.join("\n", firstLines()));
    }

    /**
     * Asks the server for its memory and counters.
     * @param timeoutSeconds how long to wait for the answer
     * @return the values by name, empty when the server did not answer
     */
    synchronized Map<String, Long> status(long timeoutSeconds) throws InterruptedException {
        int sequence = ++this.statusSequence;
        try {
            OutputStream in = this.process.getOutputStream();
            in.write((SoakServerMain.STATUS + sequence + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        }
        catch (IOException ex) {
            return Map.of();
        }
        String prefix = SoakServerMain.STATUS + sequence + " ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = this.replies.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                Map<String, Long> values = new HashMap<>();
                for (String pair : line.substring(prefix.length()).trim().split(" ", -1)) {
                    int equals = pair.indexOf('=');
                    values.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
                }
                return values;
            }
            if (line == null && !this.process.isAlive()) {
                break;
            }
        }
        return Map.of();
    }

    /**
     * Reads the process's peak resident memory so far and remembers the largest value
     * read; call it now and then, so that the value survives the process.
     * @return the peak resident set, in KB, {@code 0} when never read
     */
    long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                    this.peakRssKb = Math.max(this.peakRssKb, kb);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the process ended, or this is not Linux: keep the last value read
        }
        return this.peakRssKb;
    }

    LogCounts logCounts() {
        return new LogCounts(this.lines, this.warnLines, this.errorLines, this.bytes);
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Returns the exit code of an ended process.
     * @return the code, {@code null} while it runs
     */
    @Nullable Integer exitCode() {
        return this.process.isAlive() ? null : this.process.exitValue();
    }

    /**
     * Returns the first lines the server printed, to explain a start that failed.
     * @return up to 40 lines
     */
    List<String> firstLines() {
        synchronized (this.firstLines) {
            return List.copyOf(this.firstLines);
        }
    }

    // one thread counts; volatile lets others read the counts
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private void read(Path logFile) {
        try (InputStream in = new BufferedInputStream(this.process.getInputStream(), 64 * 1024);
                OutputStream log = Files.newOutputStream(logFile)) {
            ByteArrayOutputStream head = new ByteArrayOutputStream(LINE_HEAD);
            byte[] buffer = new byte[64 * 1024];
            long written = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (written < LOG_FILE_LIMIT) {
                    int chunk = (int) Math.min(read, LOG_FILE_LIMIT - written);
                    log.write(buffer, 0, chunk);
                    written += chunk;
                }
                this.bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        endLine(head.toString(StandardCharsets.UTF_8));
                        head.reset();
                    }
                    else if (head.size() < LINE_HEAD) {
                        head.write(buffer[i]);
                    }
                }
            }
            log.flush();
        }
        catch (IOException ex) {
            // the process ended
        }
    }

    // one thread counts; volatile lets others read the counts
    @SuppressWarnings("NonAtomicVolatileUpdate")
    private void endLine(String head) {
        this.lines++;
        String level = (head.length() > 64) ? head.substring(0, 64) : head;
        if (level.contains(" WARN ")) {
            this.warnLines++;
        }
        else if (level.contains("ERROR ")) {
            this.errorLines++;
        }
        if (head.startsWith(SoakServerMain.READY) || head.startsWith(SoakServerMain.STATUS)) {
            this.replies.add(head.trim());
        }
        synchronized (this.firstLines) {
            if (this.firstLines.size() < 40) {
                this.firstLines.add(head);
            }
        }
    }

    /**
     * Closes the server's standard input, which stops it, and waits a few seconds for it
     * to end; kills it when it does not (a graceful shutdown is not what the soak
     * measures).
     */
    @Override
    public void close() {
        JavaProcesses.stop(this.process, this.reader, 5);
    }

}
