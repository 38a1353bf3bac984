package io.rpcboot.benchmarks;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A server JVM that runs one stack's server ({@link ServerMain}): waits for its port and
 * asks it for its heap, threads and costs; every other line it prints goes to a handler.
 */
final class StackServerJvm implements AutoCloseable {

    private static final long ANSWER_SECONDS = 60;

    private final JvmProcess process;

    private final CompletableFuture<Integer> port;

    private final BlockingQueue<String> answers;

    private StackServerJvm(JvmProcess process, CompletableFuture<Integer> port, BlockingQueue<String> answers) {
        this.process = process;
        this.port = port;
        this.answers = answers;
    }

    /**
     * Starts a server JVM.
     * @param stack the stack it serves
     * @param otherLines receives each line it prints that is not an answer to the runner
     * @return the JVM, maybe not listening yet ({@link #awaitPort()})
     */
    static StackServerJvm start(Stack stack, Consumer<String> otherLines) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        JvmProcess process = JvmProcess.start("server", ServerMain.class, List.of(stack.id()), (line) -> {
            if (line.startsWith(ServerMain.READY)) {
                port.complete(Integer.parseInt(line.substring(ServerMain.READY.length()).trim()));
            }
            else if (isAnswer(line)) {
                answers.add(line);
            }
            else {
                otherLines.accept(line);
            }
        });
        return new StackServerJvm(process, port, answers);
    }

    private static boolean isAnswer(String line) {
        return line.startsWith(ServerMain.HEAP + " ") || line.startsWith(ServerMain.THREADS + " ")
                || line.startsWith(ServerMain.COST + " ");
    }

    /**
     * Waits for the server to listen.
     * @return its port
     * @throws IllegalStateException when it ends or is not ready in time
     */
    int awaitPort() throws InterruptedException {
        return this.process.await(this.port, "the server JVM");
    }

    /**
     * Collects the server's garbage and reads its memory.
     * @return its memory
     * @throws IllegalStateException when it does not answer
     */
    Heap heap() throws InterruptedException {
        String[] words = require(ServerMain.HEAP);
        return new Heap(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]));
    }

    /**
     * Counts the server's live threads.
     * @return how many
     * @throws IllegalStateException when it does not answer
     */
    int threads() throws InterruptedException {
        return Integer.parseInt(require(ServerMain.THREADS)[1]);
    }

    /**
     * Reads what the server JVM spent so far.
     * @return the reading, or {@code null} when the server JVM does not answer
     */
    JvmCosts.@Nullable Reading costs() throws InterruptedException {
        String[] words = ask(ServerMain.COST);
        return (words != null) ? new JvmCosts.Reading(Long.parseLong(words[1]), Long.parseLong(words[2])) : null;
    }

    private String[] require(String command) throws InterruptedException {
        String[] words = ask(command);
        if (words == null) {
            throw new IllegalStateException(
                    "the server JVM did not answer " + command + ": " + this.process.outputTail());
        }
        return words;
    }

    private synchronized String @Nullable [] ask(String command) throws InterruptedException {
        this.answers.clear();
        try {
            this.process.send(command);
        }
        catch (UncheckedIOException ex) {
            return null;
        }
        String line = this.answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
        return (line != null && line.startsWith(command + " ")) ? line.split(" ") : null;
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Stops the server JVM ({@link JvmProcess#close()}).
     */
    @Override
    public void close() {
        this.process.close();
    }

    /**
     * The server's memory.
     *
     * @param used its heap used after a full GC
     * @param direct its direct memory used
     * @param produced the endless stream items its producers made so far
     */
    record Heap(long used, long direct, long produced) {
    }

}
