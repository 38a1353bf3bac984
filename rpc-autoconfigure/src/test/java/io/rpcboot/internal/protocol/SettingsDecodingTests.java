package io.rpcboot.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rpcboot.RpcStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A peer's SETTINGS as the decoder reads them: the limit of calls in flight a server
 * announces, and no limit when it announces none; whether it answers DESCRIBE; DESCRIBE
 * and DESCRIPTION frames.
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
        assertThat(settings).isEqualTo(new Frame.Settings(1 << 16, 3, 250, true, true));
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

    @Test
    void onlyAServerAnnouncesThatItAnswersDescribe() {
        assertThat(read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1, 10)).describes()).isTrue();
    }

    @Test
    void clientSettingsDoNotAnnounceDescribe() {
        assertThat(read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1)).describes()).isFalse();
    }

    @Test
    void describeAndDescriptionRoundTrip() {
        read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1));
        this.channel.writeInbound(FrameCodec.describe(this.channel.alloc(), 3, List.of("a.B", "c.Dé")));
        assertThat((Object) this.channel.readInbound()).isEqualTo(new Frame.Describe(3, List.of("a.B", "c.Dé")));
        this.channel.writeInbound(
                FrameCodec.description(this.channel.alloc(), 3, "{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat((Object) this.channel.readInbound()).isEqualTo(new Frame.Description(3, "{\"x\":\"é\"}"));
    }

    @Test
    void describeWithCredentialsAndRefusedDescriptionRoundTrip() {
        read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1));
        this.channel.writeInbound(
                FrameCodec.describe(this.channel.alloc(), 3, List.of("a.B"), Map.of("authorization", "Bearer t")));
        assertThat((Object) this.channel.readInbound())
            .isEqualTo(new Frame.Describe(3, List.of("a.B"), Map.of("authorization", "Bearer t")));
        this.channel
            .writeInbound(FrameCodec.descriptionRefused(this.channel.alloc(), 3, RpcStatus.UNAUTHENTICATED, "needs é"));
        assertThat((Object) this.channel.readInbound())
            .isEqualTo(new Frame.DescriptionRefused(3, RpcStatus.UNAUTHENTICATED, "needs é"));
    }

    @Test
    void describeWhoseNamesRunPastTheFrameIsMalformed() {
        read(FrameCodec.settings(this.channel.alloc(), 1 << 16, 1));
        ByteBuf describe = FrameCodec.describe(this.channel.alloc(), 3, List.of("a.B"));
        // three names: the metadata's count (0) reads as an empty second one, the third
        // runs past the end
        describe.setShort(describe.readerIndex() + FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH, 3);
        assertThatExceptionOfType(DecoderException.class).isThrownBy(() -> this.channel.writeInbound(describe))
            .withMessageContaining("runs past the end of its frame");
    }

    private Frame.Settings read(ByteBuf settings) {
        this.channel.writeInbound(Preface.encode(this.channel.alloc()));
        assertThat((Object) this.channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        this.channel.writeInbound(settings);
        return this.channel.readInbound();
    }

}
