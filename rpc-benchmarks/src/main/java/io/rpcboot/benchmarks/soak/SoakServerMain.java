package io.rpcboot.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;

import io.netty.util.internal.PlatformDependent;

import io.rpcboot.benchmarks.RunningServer;
import io.rpcboot.benchmarks.soak.server.SoakServerApplication;
import io.rpcboot.benchmarks.soak.server.SoakTargetsService;

/**
 * The soak's server JVM: starts {@link SoakServerApplication}, prints
 * {@code READY <port>}, answers each {@code STATUS <n>} line on its standard input with
 * one {@code STATUS <n> key=value ...} line (heap, direct memory, calls of the
 * hidden-request target, threads), and stops when its standard input closes.
 */
public final class SoakServerMain {

    static final String READY = "READY ";

    static final String STATUS = "STATUS ";

    private SoakServerMain() {
    }

    /**
     * Runs the server.
     * @param args none
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        RunningServer server = SoakServerApplication.start();
        System.out.println(READY + server.port());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.startsWith(STATUS)) {
                System.out.println(STATUS + command.substring(STATUS.length()).trim() + " " + status());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    /**
     * Describes the JVM's memory and the server's counters as {@code key=value} pairs.
     * @return the pairs, separated by spaces
     */
    static String status() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long nioDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
            .stream()
            .filter((pool) -> pool.getName().equals("direct"))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum();
        return "heapUsed=" + heap.getUsed() + " heapCommitted=" + heap.getCommitted() + " heapMax=" + heap.getMax()
                + " nioDirect=" + nioDirect + " nettyDirect=" + PlatformDependent.usedDirectMemory() + " hits="
                + SoakTargetsService.hits() + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount();
    }

}
