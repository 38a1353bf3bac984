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
 * A result stream that stopped because its client did not read resumes when the client
 * reads again, and the stream calls that were not waiting for the connection (one waiting
 * for credit on the same connection, one on another connection) are served as usual
 * meanwhile and after.
 */
class StreamingResumeTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int MESSAGE = 7;

    private static final int CREDIT = 8;

    private static final int FLAG_STREAM = 0x08;

    private static final int LENGTH = 8 * 1024;

    private static final String TEXTS = "texts(java.lang.String,int)";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class);

    @Test
    void streamOfASlowReaderResumesAndTheOthersAreServed() throws Exception {
        PipeService service = pair.serverBean(PipeService.class);
        AtomicLong stalledProduced = service.produced("slow-reader");
        try (RawConnection slow = streamingConnection(); RawConnection other = streamingConnection()) {
            startTexts(slow, 1, "slow-reader");
            startTexts(slow, 3, "waits-for-credit");
            grant(slow, 1, 1_000_000);
            long stalled = awaitStalled(stalledProduced);
            // another connection is served while the first one's stream waits
            startTexts(other, 1, "other-connection");
            grant(other, 1, 5);
            assertThat(readMessages(other, 1, 5, 0, 0)).containsExactly(5L, 0L);
            // the slow reader reads again: its stream resumes past what filled the
            // buffers, and the call that waited for credit is served when granted
            grant(slow, 3, 5);
            long target = stalled * 3;
            assertThat(readMessages(slow, 1, target, 3, 5)).containsExactly(target, 5L);
            assertThat(stalledProduced.get()).isGreaterThan(stalled);
            assertThat(service.produced("waits-for-credit").get()).isGreaterThanOrEqualTo(5);
        }
        assertThat(service.cancelled("slow-reader").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private static RawConnection streamingConnection() {
        RawConnection connection = RawConnection.connect(pair.port());
        connection.writePreface();
        connection.writeStreamingSettings(4 * 1024 * 1024);
        assertThat(connection.readInt()).as("the server's preface").isEqualTo(RawConnection.MAGIC);
        assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
        assertThat(connection.readFrame().type()).as("the server's SETTINGS").isEqualTo(RawConnection.SETTINGS);
        return connection;
    }

    private static void startTexts(RawConnection connection, int id, String key) {
        connection.writeRequest(id, FLAG_STREAM, Pipe.class.getName(), TEXTS, 0,
                ("[\"" + key + "\"," + LENGTH + "]").getBytes(StandardCharsets.UTF_8));
    }

    private static void grant(RawConnection connection, int id, int count) {
        connection.writeFrame(CREDIT, id, ByteBuffer.allocate(4).putInt(count).array());
    }

    /**
     * Reads frames until the given numbers of MESSAGE frames of two calls came (each read
     * waits at most a few seconds).
     * @return the numbers of messages read of each call
     */
    private static long[] readMessages(RawConnection connection, int id, long count, int otherId, long otherCount) {
        long read = 0;
        long otherRead = 0;
        while (read < count || otherRead < otherCount) {
            RawConnection.RawFrame frame = connection.readFrame();
            if (frame.type() == MESSAGE && frame.id() == id) {
                read++;
            }
            else if (frame.type() == MESSAGE && frame.id() == otherId) {
                otherRead++;
            }
        }
        return new long[] { read, otherRead };
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
