package io.rpcboot.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import io.rpcboot.internal.server.http.HttpTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds arbitrary bytes to the protocol detector, with the binary protocol's and HTTP's
 * recognition, in two reads, split where the first input byte says: it must pick the
 * binary protocol exactly when the bytes start with {@code RPCB}, HTTP when they start
 * with an HTTP method and a space, close the connection when they can start neither, and
 * otherwise wait; whatever it picks receives every byte. Runs its corpus as a regression
 * test in the normal build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ProtocolDetectorFuzzTests {

    private static final String[] HTTP_METHODS = { "GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ",
            "TRACE ", "CONNECT " };

    @FuzzTest(maxDuration = "30s")
    void detectsOrClosesAnyInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Received binary = new Received(BinaryProtocol::magic);
        Received http = new Received(HttpTransport.disabled()::recognise);
        EmbeddedChannel channel = new EmbeddedChannel(
                new ProtocolDetector(List.of(binary, http), (protocol, pipeline) -> protocol.install(pipeline)));
        try {
            int length = input.length - 1;
            int split = 1 + (input[0] & 0xFF) % (length + 1);
            channel.writeInbound(Unpooled.wrappedBuffer(input, 1, split - 1));
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
            }
            String text = new String(input, 1, length, StandardCharsets.ISO_8859_1);
            if (text.startsWith("RPCB")) {
                assertThat(binary.bytes).isEqualTo(length);
                assertThat(http.bytes).isZero();
            }
            else if (startsWithHttpMethod(text)) {
                assertThat(http.bytes).isEqualTo(length);
                assertThat(binary.bytes).isZero();
            }
            else {
                assertThat(binary.bytes + http.bytes).isZero();
                assertThat(channel.isOpen()).isEqualTo(couldStartAProtocol(text));
            }
        }
        finally {
            channel.finishAndReleaseAll();
        }
    }

    private static boolean startsWithHttpMethod(String text) {
        for (String method : HTTP_METHODS) {
            if (text.startsWith(method)) {
                return true;
            }
        }
        return false;
    }

    private static boolean couldStartAProtocol(String text) {
        if ("RPCB".startsWith(text)) {
            return true;
        }
        for (String method : HTTP_METHODS) {
            if (method.startsWith(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A protocol that recognises as a real one does and counts the bytes handed to it.
     */
    private static final class Received extends ChannelInboundHandlerAdapter implements ConnectionProtocol {

        private final Function<ByteBuf, Recognition> recognition;

        private int bytes;

        Received(Function<ByteBuf, Recognition> recognition) {
            this.recognition = recognition;
        }

        @Override
        public Recognition recognise(ByteBuf firstBytes) {
            return this.recognition.apply(firstBytes);
        }

        @Override
        public String install(ChannelPipeline pipeline) {
            pipeline.addLast(this);
            return "received";
        }

        @Override
        public byte[] refusal(String reason) {
            return new byte[0];
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                this.bytes += buf.readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }

    }

}
