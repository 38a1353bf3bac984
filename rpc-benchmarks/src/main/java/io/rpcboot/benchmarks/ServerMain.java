package io.rpcboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import io.rpcboot.benchmarks.api.EndlessItems;

/**
 * The server JVM: starts one stack's server, prints {@code READY <port>}, and stops when
 * its standard input closes (the runner closes it, or the runner ended). On the line
 * {@code HEAP} it collects garbage and prints
 * {@code HEAP <heap used> <direct memory used> <endless items produced>}; on the line
 * {@code THREADS} it prints {@code THREADS <live threads>}; on the line {@code COST} it
 * prints {@code COST <bytes allocated so far> <CPU nanoseconds so far>}
 * ({@link JvmCosts}: all threads, event loops and executors included), which the runner
 * reads right before and after each measured phase.
 */
public final class ServerMain {

    static final String READY = "READY ";

    static final String HEAP = "HEAP";

    static final String THREADS = "THREADS";

    static final String COST = "COST";

    private ServerMain() {
    }

    /**
     * Runs a server.
     * @param args the stack's name
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        Stack stack = Stack.of(args[0]);
        RunningServer server = stack.startServer();
        System.out.println(READY + server.port());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals(HEAP)) {
                System.out
                    .println(HEAP + " " + heapUsedAfterGc() + " " + directMemoryUsed() + " " + EndlessItems.count());
                System.out.flush();
            }
            else if (command.equals(THREADS)) {
                System.out.println(THREADS + " " + ManagementFactory.getThreadMXBean().getThreadCount());
                System.out.flush();
            }
            else if (command.equals(COST)) {
                JvmCosts.Reading costs = JvmCosts.read();
                System.out.println(COST + " " + costs.allocatedBytes() + " " + costs.cpuNanos());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    private static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Returns the direct memory in use: the JDK's direct buffers and Netty's own count of
     * the direct memory it allocated without them (rpcboot's Netty and gRPC's shaded
     * one).
     */
    private static long directMemoryUsed() {
        long used = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        used += Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
        used += Math.max(0, io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent.usedDirectMemory());
        return used;
    }

}
