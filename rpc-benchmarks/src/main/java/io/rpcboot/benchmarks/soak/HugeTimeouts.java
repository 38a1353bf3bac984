package io.rpcboot.benchmarks.soak;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Pattern 8: calls of a 1 ms method with deadlines far in the future, one at a time: HTTP
 * requests with {@code x-rpc-timeout-ms} of {@code 9223372036854775807} and
 * {@code 9300000000000}, binary requests with the largest u32 timeout and the same header
 * as metadata. Each should answer OK; a deadline that overflows answers DEADLINE_EXCEEDED
 * (HTTP 504) at once.
 */
final class HugeTimeouts extends Abuse {

    private static final String[] HUGE = { "9223372036854775807", "9300000000000" };

    private final int budget;

    private long calls;

    HugeTimeouts(int port, double volume) {
        super(port, volume);
        this.budget = Math.max(4, (int) (2000 * volume));
    }

    @Override
    String name() {
        return "huge-timeouts";
    }

    @Override
    void abuse() throws InterruptedException {
        @Nullable Conn http = null;
        @Nullable Conn binary = null;
        for (int i = 0; i < this.budget && pace(50); i++) {
            String timeout = HUGE[i % HUGE.length];
            http = (http == null || http.closed) ? open() : http;
            if (http != null) {
                byte[] request = Wire.httpPost(Wire.TARGETS, "pause", "x-rpc-timeout-ms: " + timeout + "\r\n", "[1]");
                if (send(http, request)) {
                    this.calls++;
                    try {
                        http.channel.socket().setSoTimeout(10_000);
                        answered(Wire.readHttpStatus(http.in()));
                    }
                    catch (IOException ex) {
                        lost(http);
                    }
                }
            }
            binary = (binary == null || binary.closed) ? openBinary() : binary;
            if (binary != null) {
                byte[] request = Wire.request(i + 1, Wire.TARGETS, Wire.PAUSE, 0xFFFF_FFFFL,
                        Map.of("x-rpc-timeout-ms", timeout), "[1]");
                if (send(binary, request)) {
                    this.calls++;
                    try {
                        answered(Wire.readResponseStatus(binary.in()));
                    }
                    catch (IOException ex) {
                        lost(binary);
                    }
                }
            }
        }
        pace(Long.MAX_VALUE);
    }

    @Override
    String sent() {
        return String.format(Locale.ROOT, "%,d calls of `pause(1)` with deadlines of 49 days to 292 years", this.calls);
    }

}
