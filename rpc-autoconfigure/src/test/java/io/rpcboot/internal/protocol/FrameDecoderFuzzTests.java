package io.rpcboot.internal.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds arbitrary bytes to the frame decoder in two reads, split where the first input
 * byte says: it must produce frames or reject the input with a {@link DecoderException},
 * never fail otherwise, and never read a frame over its limit. Once it rejected the
 * input, it emits nothing more: not from later bytes, not when the connection closes.
 * Runs its corpus as a regression test in the normal build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class FrameDecoderFuzzTests {

    private static final int LIMIT = 1024;

    @FuzzTest(maxDuration = "30s")
    void decodesOrRejectsAnyInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));
        try {
            int length = input.length - 1;
            int split = 1 + (input[0] & 0xFF) % (length + 1);
            boolean rejected = !write(channel, Unpooled.wrappedBuffer(input, 1, split - 1));
            readFrames(channel);
            boolean rejectedNow = !write(channel, Unpooled.wrappedBuffer(input, split, input.length - split));
            if (rejected) {
                assertThat(readFrames(channel)).as("frames decoded after the input was rejected").isZero();
            }
            else {
                readFrames(channel);
            }
            rejected |= rejectedNow;
            try {
                channel.finish();
            }
            catch (DecoderException ex) {
                rejected = true;
            }
            int atClose = readFrames(channel);
            if (rejected) {
                assertThat(atClose).as("frames decoded at close after the input was rejected").isZero();
            }
        }
        finally {
            channel.releaseInbound();
            channel.close();
        }
    }

    private static int readFrames(EmbeddedChannel channel) {
        int count = 0;
        Object frame;
        while ((frame = channel.readInbound()) != null) {
            count++;
            assertThat(frame).isInstanceOf(Frame.class);
            if (frame instanceof RequestFrame request) {
                assertThat(request.payload().readableBytes()).isLessThanOrEqualTo(LIMIT);
            }
            ReferenceCountUtil.release(frame instanceof RequestFrame request ? request.payload()
                    : (frame instanceof ResponseFrame response) ? response.payload() : null);
        }
        return count;
    }

    /**
     * Returns false when the input was rejected, as the connection would then be closed.
     */
    private static boolean write(EmbeddedChannel channel, ByteBuf bytes) {
        try {
            channel.writeInbound(bytes);
            return true;
        }
        catch (DecoderException expected) {
            return false;
        }
    }

}
