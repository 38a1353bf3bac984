package io.rpcboot.demo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command, run as a user types it: what Testcontainers cannot do
 * (Docker Swarm mode) is done with the CLI.
 */
final class DockerCli {

    private static final int PRINTED_LINES = 30;

    private DockerCli() {
    }

    /**
     * Runs a docker command and waits for it to end.
     * @param timeout how long it may take; after that it is killed
     * @param arguments the arguments after {@code docker}
     * @return what it printed and how it ended
     */
    static Result run(Duration timeout, String... arguments) {
        List<String> command = command(arguments);
        Process process = start(command);
        CompletableFuture<String> output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(command, -1, "killed after " + timeout + "; printed: " + output.getNow(""));
            }
            return new Result(command, process.exitValue(), output.join());
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, ex);
        }
    }

    /**
     * Runs a docker command that must succeed.
     * @param timeout how long it may take
     * @param arguments the arguments after {@code docker}
     * @return what it printed, trimmed
     * @throws IllegalStateException when it failed, with what it printed
     */
    static String check(Duration timeout, String... arguments) {
        Result result = run(timeout, arguments);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.toString());
        }
        return result.output().strip();
    }

    /**
     * Starts a docker command that keeps printing, such as {@code docker service logs
     * --follow}, and collects its lines until it is closed.
     * @param arguments the arguments after {@code docker}
     * @return the running command
     */
    static Follower follow(String... arguments) {
        return new Follower(start(command(arguments)));
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(arguments));
        return command;
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot run " + command + " (is the docker CLI installed?)", ex);
        }
    }

    private static CompletableFuture<String> readAll(InputStream output) {
        return CompletableFuture.supplyAsync(() -> {
            try (output) {
                return new String(output.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                return "(output unreadable: " + ex + ")";
            }
        });
    }

    /**
     * How a docker command ended.
     *
     * @param command the command
     * @param exitCode its exit code, -1 when it was killed for taking too long
     * @param output what it printed, on standard output and standard error
     */
    record Result(List<String> command, int exitCode, String output) {

        @Override
        public String toString() {
            List<String> lines = this.output.strip().lines().toList();
            String printed = (lines.size() <= PRINTED_LINES) ? String.join("\n", lines)
                    : "(last " + PRINTED_LINES + " of " + lines.size() + " lines)\n"
                            + String.join("\n", lines.subList(lines.size() - PRINTED_LINES, lines.size()));
            return String.join(" ", this.command) + " exited with " + this.exitCode + ": " + printed;
        }

    }

    /**
     * A running command whose lines are collected as they come.
     */
    static final class Follower implements AutoCloseable {

        private final Process process;

        private final Queue<String> lines = new ConcurrentLinkedQueue<>();

        private final Thread reader;

        private Follower(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "docker-follower");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    this.lines.add(line);
                }
            }
            catch (IOException ex) {
                this.lines.add("(docker-follower: " + ex + ")");
            }
        }

        /**
         * Returns the lines printed so far.
         * @return the lines, in the order they were printed
         */
        List<String> lines() {
            return new ArrayList<>(this.lines);
        }

        boolean isAlive() {
            return this.process.isAlive();
        }

        @Override
        public void close() {
            this.process.destroy();
            try {
                if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
                this.reader.join(5000);
            }
            catch (InterruptedException ex) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

    }

}
