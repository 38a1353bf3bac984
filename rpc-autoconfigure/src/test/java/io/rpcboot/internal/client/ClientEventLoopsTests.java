package io.rpcboot.internal.client;

import java.time.Duration;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client's event loops, created on the first connection rather than with the factory.
 */
class ClientEventLoopsTests {

    private final ClientEventLoops eventLoops = new ClientEventLoops(
            new DefaultThreadFactory("client-event-loops-test", true),
            new ClientOptions(1 << 20, Duration.ofSeconds(2)));

    @Test
    void everyConnectionSharesTheEventLoopsCreatedForTheFirst() {
        try {
            Bootstrap first = this.eventLoops.bootstrap();
            assertThat(this.eventLoops.bootstrap()).isSameAs(first);
            assertThat(this.eventLoops.group()).isSameAs(first.config().group());
            assertThat(first.config().group().isShuttingDown()).isFalse();
        }
        finally {
            this.eventLoops.close();
        }
    }

    @Test
    void closingStopsTheEventLoopsAndNoneAreCreatedAfter() {
        Bootstrap bootstrap = this.eventLoops.bootstrap();
        this.eventLoops.close();
        assertThat(bootstrap.config().group().isTerminated()).isTrue();
        assertThatIllegalStateException().isThrownBy(this.eventLoops::bootstrap).withMessageContaining("closed");
    }

    @Test
    void aFactoryClosedBeforeItsFirstConnectionCreatesNoEventLoops() {
        this.eventLoops.close();
        assertThatIllegalStateException().isThrownBy(this.eventLoops::bootstrap).withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(this.eventLoops::group).withMessageContaining("closed");
    }

}
