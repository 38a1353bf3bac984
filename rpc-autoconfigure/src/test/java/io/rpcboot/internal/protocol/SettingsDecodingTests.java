package io.rpcboot.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer's SETTINGS as the decoder reads them: the limit of calls in flight a server
 * announces, and no limit when it announces none.
 */
class SettingsDecodingTests {

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));

    @AfterEach
    void close() {
        this.channel.finishAndReleaseAll();
    }

    @Test
    void serverSettingsCarryItsLimitOfCallsInFlight() {
        Frame.Settings settings = read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 3, 250));
        assertThat(settings).isEqualTo(new Frame.Settings(1 << 16, 3, 250, true));
    }

    @Test
    void settingsWithoutALimitOfCallsInFlightMeanNoLimit() {
        Frame.Settings settings = read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1));
        assertThat(settings.maxConcurrentCalls()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void limitOfCallsInFlightAboveTheLargestIntIsNoLimit() {
        Frame.Settings settings = read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1, 0xFFFF_FFFF));
        assertThat(settings.maxConcurrentCalls()).isEqualTo(Integer.MAX_VALUE);
    }

    private Frame.Settings read(ByteBuf settings) {
        this.channel.writeInbound(Preface.encode(this.channel.alloc()));
        assertThat((Object) this.channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        this.channel.writeInbound(settings);
        return this.channel.readInbound();
    }

}
