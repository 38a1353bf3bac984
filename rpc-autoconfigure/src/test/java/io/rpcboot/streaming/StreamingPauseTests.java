package io.rpcboot.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result stream to a client that stops reading stops asking the implementation for
 * elements once the connection's outbound buffer is full, however much credit the client
 * granted: what the implementation produced is bounded by what fits in the socket buffers
 * and the connection's high water mark, not by the credit.
 */
class StreamingPauseTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int CREDIT = 8;

    private static final int FLAG_STREAM = 0x08;

    private static final int LENGTH = 8 * 1024;

    private static final int GRANTED = 10_000;

    /**
     * Elements of {@link #LENGTH} bytes that fill 24 MB: more than loopback socket
     * buffers (a few MB each way) and the 64 KB high water mark hold, and far less than
     * the credit granted.
     */
    private static final int BOUND = 24 * 1024 * 1024 / LENGTH;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class);

    @Test
    void streamToAClientThatStopsReadingStopsProducingDespiteCredit() throws Exception {
        PipeService service = pair.serverBean(PipeService.class);
        AtomicLong produced = service.produced("unread");
        try (RawConnection connection = RawConnection.connect(pair.port())) {
            connection.writePreface();
            connection.writeStreamingSettings(4 * 1024 * 1024);
            connection.writeRequest(1, FLAG_STREAM, Pipe.class.getName(), "texts(java.lang.String,int)", 0,
                    ("[\"unread\"," + LENGTH + "]").getBytes(StandardCharsets.UTF_8));
            connection.writeFrame(CREDIT, 1, ByteBuffer.allocate(4).putInt(GRANTED).array());
            // and never read: the server's writes back up
            long stalled = awaitStalled(produced);
            assertThat(stalled).as("elements produced for a client that does not read").isPositive().isLessThan(BOUND);
        }
        assertThat(service.cancelled("unread").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** Waits until the count has not moved for a second, and returns it. */
    private static long awaitStalled(AtomicLong count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            long now = count.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
            else if (now > 0 && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(1)) {
                return now;
            }
            assertThat(System.nanoTime() - deadline).as("production stalled within " + WAIT).isNegative();
            TimeUnit.MILLISECONDS.sleep(10); // polling, with a deadline
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        PipeService pipeService() {
            return new PipeService();
        }

    }

}
