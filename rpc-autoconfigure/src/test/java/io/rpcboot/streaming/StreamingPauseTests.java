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
 * A result stream to a client that stops reading stops asking the implementation for
 * elements once the connection's outbound buffer is full, however much credit the client
 * granted: what the implementation produced is bounded by what fits in the socket buffers
 * and the connection's high water mark, not by the credit.
 */
class StreamingPauseTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int GRANTED = 10_000;

    /**
     * Elements of {@link SlowReader#LENGTH} bytes that fill 24 MB: more than loopback
     * socket buffers (a few MB each way) and the 64 KB high water mark hold, and far less
     * than the credit granted.
     */
    private static final int BOUND = 24 * 1024 * 1024 / SlowReader.LENGTH;

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, StreamingApplications.PipeServer.class);

    @Test
    void streamToAClientThatStopsReadingStopsProducingDespiteCredit() throws Exception {
        PipeService service = pair.serverBean(PipeService.class);
        AtomicLong produced = service.produced("unread");
        try (RawConnection connection = SlowReader.connect(pair.port())) {
            SlowReader.startTexts(connection, 1, "unread");
            SlowReader.grant(connection, 1, GRANTED);
            // and never read: the server's writes back up
            long stalled = SlowReader.awaitStalled(produced);
            assertThat(stalled).as("elements produced for a client that does not read").isPositive().isLessThan(BOUND);
        }
        assertThat(service.cancelled("unread").await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

}
