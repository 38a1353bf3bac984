package io.rpcboot.streaming;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, StreamingApplications.PipeServer.class);

    @Test
    void streamOfASlowReaderResumesAndTheOthersAreServed() throws Exception {
        PipeService service = pair.serverBean(PipeService.class);
        AtomicLong stalledProduced = service.produced("slow-reader");
        try (RawConnection slow = SlowReader.connect(pair.port());
                RawConnection other = SlowReader.connect(pair.port())) {
            SlowReader.startTexts(slow, 1, "slow-reader");
            SlowReader.startTexts(slow, 3, "waits-for-credit");
            SlowReader.grant(slow, 1, 1_000_000);
            long stalled = SlowReader.awaitStalled(stalledProduced);
            // another connection is served while the first one's stream waits
            SlowReader.startTexts(other, 1, "other-connection");
            SlowReader.grant(other, 1, 5);
            assertThat(readMessages(other, 1, 5, 0, 0)).containsExactly(5L, 0L);
            // the slow reader reads again: its stream resumes past what filled the
            // buffers, and the call that waited for credit is served when granted
            SlowReader.grant(slow, 3, 5);
            long target = stalled * 3;
            assertThat(readMessages(slow, 1, target, 3, 5)).containsExactly(target, 5L);
            assertThat(stalledProduced.get()).isGreaterThan(stalled);
            assertThat(service.produced("waits-for-credit").get()).isGreaterThanOrEqualTo(5);
        }
        assertThat(service.cancelled("slow-reader").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
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
            if (frame.type() == SlowReader.MESSAGE && frame.id() == id) {
                read++;
            }
            else if (frame.type() == SlowReader.MESSAGE && frame.id() == otherId) {
                otherRead++;
            }
        }
        return new long[] { read, otherRead };
    }

}
