package io.rpcboot.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the JVMs the benchmarks run besides their own: the same java
 * executable as the runner's, output and errors in one stream, stopped by closing their
 * standard input.
 */
public final class JavaProcesses {

    private JavaProcesses() {
    }

    /**
     * Starts a JVM.
     * @param flags its JVM flags
     * @param classPath its class path
     * @param mainClass its main class
     * @param arguments the main class's arguments
     * @return the process
     * @throws UncheckedIOException when it cannot be started
     */
    public static Process start(List<String> flags, String classPath, Class<?> mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + command, ex);
        }
    }

    /**
     * Closes a process's standard input, which tells it to stop, and waits for it to end,
     * then for the thread that reads its output; kills it when it does not end in time.
     * @param process the process
     * @param reader the thread that reads its output
     * @param graceSeconds how long it may take to end by itself
     */
    public static void stop(Process process, Thread reader, long graceSeconds) {
        try {
            process.getOutputStream().close();
        }
        catch (IOException ex) {
            // it has gone already
        }
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5000);
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
