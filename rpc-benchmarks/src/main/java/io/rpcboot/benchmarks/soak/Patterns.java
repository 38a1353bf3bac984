package io.rpcboot.benchmarks.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The abusive patterns by name, in the order of issue 11's findings.
 */
final class Patterns {

    /** Every pattern's name. */
    static final List<String> NAMES = List.of("ping-flood", "pipelined-requests", "pipelined-http", "slowloris",
            "stalled-bodies", "idle-flood", "hidden-requests", "huge-timeouts", "resets", "calls-in-flight",
            "error-flood");

    private Patterns() {
    }

    /**
     * Creates a pattern.
     * @param name its name
     * @param port the server's port
     * @param volume the factor on its budget
     * @return the pattern
     */
    static Abuse create(String name, int port, double volume) {
        return switch (name) {
            case "ping-flood" -> FloodWithoutReading.pings(port, volume);
            case "pipelined-requests" -> FloodWithoutReading.requests(port, volume);
            case "pipelined-http" -> FloodWithoutReading.httpGets(port, volume);
            case "slowloris" -> new Slowloris(port, volume, descriptorBudget() / 4);
            case "stalled-bodies" -> new StalledBodies(port, volume);
            case "idle-flood" -> new IdleFlood(port, volume, descriptorBudget());
            case "hidden-requests" -> new HiddenRequests(port, volume);
            case "huge-timeouts" -> new HugeTimeouts(port, volume);
            case "resets" -> new Resets(port, volume);
            case "calls-in-flight" -> PipelinedCalls.callsInFlight(port, volume);
            case "error-flood" -> PipelinedCalls.errorFlood(port, volume);
            default -> throw new IllegalArgumentException("Unknown pattern " + name);
        };
    }

    /**
     * Returns the connections the soak may hold open at most: a quarter of the file
     * descriptors this process has left (the server, started with the same limit, needs
     * one per connection too, plus its own).
     * @return the budget
     */
    static int descriptorBudget() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            long left = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
            return (int) Math.max(8, Math.min(Integer.MAX_VALUE, left / 4));
        }
        return 1000;
    }

}
