package io.rpcboot.benchmarks.soak;

import java.util.Locale;

/**
 * Pattern 6: thousands of connections that do nothing, half of them after a complete
 * binary opening, half before sending a byte; as many as the soak's file descriptor
 * budget allows.
 */
final class IdleFlood extends Abuse {

    private final int count;

    private int held;

    IdleFlood(int port, double volume, int descriptorBudget) {
        super(port, volume);
        this.count = Math.max(10, Math.min(descriptorBudget, (int) (3000 * volume)));
    }

    @Override
    String name() {
        return "idle-flood";
    }

    @Override
    void abuse() throws InterruptedException {
        for (int i = 0; i < this.count && !stopping(); i++) {
            Conn conn = (i % 2 == 0) ? open() : openBinary();
            if (conn != null) {
                this.held++;
            }
            if (i % 100 == 99 && !pace(10)) {
                return;
            }
        }
        pace(Long.MAX_VALUE);
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT, "%,d idle connections held (of %,d planned), half after the opening",
                this.held, this.count);
    }

}
