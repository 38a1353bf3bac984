package io.rpcboot.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the frame decoder does after it found its input malformed: nothing more, however
 * the connection goes on. Client and server share it, so its rules (a PING body of
 * exactly 8 bytes) hold in both directions.
 */
class FrameDecoderTests {

    @Test
    void framesInsideAMalformedFrameAreNeverDecodedNotEvenWhenTheConnectionCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));
        channel.writeInbound(Preface.encode(channel.alloc()));
        assertThat((Object) channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        ByteBuf hidden = FrameCodec.cancel(channel.alloc(), 7);
        ByteBuf malformed = Unpooled.buffer();
        malformed.writeInt(FrameCodec.HEADER_AFTER_LENGTH + 2 + hidden.readableBytes())
            .writeByte(FrameType.REQUEST)
            .writeByte(0)
            .writeInt(1)
            .writeShort(0xFFFF) // a service name longer than the frame
            .writeBytes(hidden);
        hidden.release();
        assertThatExceptionOfType(DecoderException.class).isThrownBy(() -> channel.writeInbound(malformed));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(FrameCodec.cancel(channel.alloc(), 8));
        assertThat((Object) channel.readInbound()).as("a frame after the malformed one").isNull();
        channel.finish();
        assertThat((Object) channel.readInbound()).as("a frame decoded when the connection closed").isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void pingOrPingAnswerWhoseBodyIsNotEightBytesIsAViolationAndNothingAfterItIsRead(boolean ack) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));
        channel.writeInbound(Preface.encode(channel.alloc()));
        assertThat((Object) channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        ByteBuf ping = Unpooled.buffer();
        ping.writeInt(FrameCodec.HEADER_AFTER_LENGTH + 10)
            .writeByte(FrameType.PING)
            .writeByte(ack ? FrameType.FLAG_ACK : 0)
            .writeInt(0)
            .writeLong(42)
            .writeShort(0);
        assertThatExceptionOfType(ProtocolViolationException.class).isThrownBy(() -> channel.writeInbound(ping))
            .withMessage("PING body must be 8 bytes, got 10");
        channel.writeInbound(FrameCodec.ping(channel.alloc(), false, 7));
        assertThat((Object) channel.readInbound()).as("a frame after the violation").isNull();
        channel.finish();
    }

    @Test
    void pingOfEightBytesIsDecoded() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));
        channel.writeInbound(Preface.encode(channel.alloc()));
        channel.readInbound();
        channel.writeInbound(FrameCodec.ping(channel.alloc(), true, 42));
        assertThat((Object) channel.readInbound()).isEqualTo(new Frame.Ping(true, 42));
        channel.finish();
    }

    @Test
    void oversizedFrameOfTheSkippableTypeIsSkippedAcrossReadsAndTheNextFrameIsRead() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024, FrameType.DESCRIPTION));
        channel.writeInbound(Preface.encode(channel.alloc()));
        assertThat((Object) channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        ByteBuf description = FrameCodec.description(channel.alloc(), 1, new byte[4000]);
        // the description arrives in three reads, the next frame with its last bytes
        channel.writeInbound(description.readRetainedSlice(100));
        assertThat((Object) channel.readInbound())
            .isEqualTo(new Frame.Oversized(FrameType.DESCRIPTION, 1, FrameCodec.HEADER_AFTER_LENGTH + 4000));
        channel.writeInbound(description.readRetainedSlice(2000));
        assertThat((Object) channel.readInbound()).as("a frame inside the skipped one").isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(description, FrameCodec.cancel(channel.alloc(), 7)));
        assertThat((Object) channel.readInbound()).isEqualTo(new Frame.Cancel(7));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void oversizedFrameOfAnotherTypeStopsTheDecoder() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024, FrameType.DESCRIPTION));
        channel.writeInbound(Preface.encode(channel.alloc()));
        assertThat((Object) channel.readInbound()).isInstanceOf(Frame.PeerPreface.class);
        ByteBuf cancel = FrameCodec.cancel(channel.alloc(), 7);
        ByteBuf oversized = Unpooled.buffer();
        oversized.writeInt(2000).writeByte(FrameType.RESPONSE).writeByte(0).writeInt(3).writeZero(1994);
        channel.writeInbound(Unpooled.wrappedBuffer(oversized, cancel));
        assertThat((Object) channel.readInbound()).isInstanceOf(Frame.Oversized.class);
        assertThat((Object) channel.readInbound()).as("a frame after the oversized one").isNull();
        channel.finish();
    }

}
