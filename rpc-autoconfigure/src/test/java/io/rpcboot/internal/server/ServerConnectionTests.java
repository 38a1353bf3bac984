package io.rpcboot.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameDecoder;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.Preface;
import io.rpcboot.internal.protocol.RequestFrame;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server connection does where timing cannot be forced over sockets: many PINGs
 * read in one go, a stop that starts while a request is being accepted, and a response
 * whose buffer cannot be allocated.
 */
class ServerConnectionTests {

    private final PayloadCodec codec = new PayloadCodec(new JsonMapper());

    @Test
    void pingAnswersPilingUpUnwrittenCloseTheConnectionWithGoAway() {
        RpcServer server = server();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20), new ServerConnection(server));
        ByteBuf input = Unpooled.buffer();
        input.writeInt(Preface.MAGIC).writeByte(Preface.VERSION);
        input.writeInt(6).writeByte(FrameType.SETTINGS).writeByte(0).writeInt(0);
        for (int i = 0; i <= ServerConnection.MAX_QUEUED_CONTROL_FRAMES; i++) {
            input.writeInt(14).writeByte(FrameType.PING).writeByte(0).writeInt(0).writeLong(i);
        }
        channel.writeInbound(input); // all read before the event loop gets to write an
                                     // answer
        channel.runPendingTasks();
        ByteBuf goAway = null;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            if (out.readableBytes() > 4 && out.getByte(out.readerIndex() + 4) == FrameType.GO_AWAY) {
                goAway = out;
            }
            else {
                out.release();
            }
        }
        assertThat(goAway).as("a GO_AWAY").isNotNull();
        assertThat(goAway.toString(StandardCharsets.UTF_8)).contains("too_many_pings");
        goAway.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void stopBetweenTheDrainingCheckAndTheCallStartRefusesTheCall() {
        RpcServer server = server();
        server.start();
        EmbeddedChannel channel = new EmbeddedChannel(new ServerConnection(server));
        // the metadata is looked at after the draining check: stopping there is a stop
        // that comes
        // while the call is being accepted
        Map<String, String> stopsTheServer = new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }

            @Override
            public boolean isEmpty() {
                server.stop(Duration.ofSeconds(5));
                return true;
            }
        };
        channel.writeInbound(new Frame.Settings(1 << 20, PayloadFormat.JSON.settingsBit(), Integer.MAX_VALUE));
        channel.writeInbound(new RequestFrame(1, Greeter.class.getName(), "greet(java.lang.String)", 0, stopsTheServer,
                PayloadFormat.JSON, Unpooled.copiedBuffer("[\"x\"]", StandardCharsets.UTF_8)));
        channel.runPendingTasks();
        ByteBuf response = channel.readOutbound();
        assertThat(response).isNotNull();
        int status = response
            .getUnsignedByte(response.readerIndex() + FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH);
        assertThat(response.toString(StandardCharsets.UTF_8)).contains("shutting down");
        response.release();
        assertThat(status).isEqualTo(RpcStatus.UNAVAILABLE.code());
        channel.finishAndReleaseAll();
    }

    @Test
    void responseWhoseBufferCannotBeAllocatedFailsThatCallAndLeaksNothing() throws InterruptedException {
        RpcServer server = server();
        EmbeddedChannel channel = new EmbeddedChannel(new ServerConnection(server));
        AtomicBoolean failNext = new AtomicBoolean(true);
        channel.config().setAllocator(new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                if (failNext.compareAndSet(true, false)) {
                    throw new OutOfMemoryError("Cannot reserve direct buffer memory (test)");
                }
                return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return newHeapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        ByteBuf payload = Unpooled.copiedBuffer("[\"x\"]", StandardCharsets.UTF_8);
        channel.writeInbound(new Frame.Settings(1 << 20, PayloadFormat.JSON.settingsBit(), Integer.MAX_VALUE));
        channel.writeInbound(new RequestFrame(1, Greeter.class.getName(), "greet(java.lang.String)", 0, Map.of(),
                PayloadFormat.JSON, payload));
        ByteBuf response = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (response == null && System.nanoTime() - deadline < 0) {
            channel.runPendingTasks();
            response = channel.readOutbound();
            Thread.onSpinWait();
        }
        assertThat(response).as("an answer to the call").isNotNull();
        int status = response
            .getUnsignedByte(response.readerIndex() + FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH);
        response.release();
        assertThat(failNext).as("the allocation failed").isFalse();
        assertThat(status).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED.code());
        assertThat(payload.refCnt()).as("references to the request left").isZero();
        channel.finishAndReleaseAll();
    }

    private RpcServer server() {
        ServerOptions options = ServerOptions.builder()
            .maxMessageSize(1 << 20)
            .maxThreads(2)
            .maxQueuedCalls(10)
            .build();
        return new RpcServer(options, new ServiceRegistry(Map.of(Greeter.class, (Greeter) (name) -> name), this.codec),
                this.codec, null, RpcInterceptorChain.of(List.of()), List.of());
    }

    /** A service to call. */
    public interface Greeter {

        String greet(String name);

    }

}
