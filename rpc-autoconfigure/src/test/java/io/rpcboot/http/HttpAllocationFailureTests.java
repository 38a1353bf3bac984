package io.rpcboot.http;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.internal.OutOfDirectMemoryError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.rpcboot.internal.server.Dispatchers;
import io.rpcboot.internal.server.RpcServer;
import io.rpcboot.internal.server.ServerHolder;
import io.rpcboot.internal.server.http.HttpTransport;
import io.rpcboot.support.LeakDetection;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP connection whose answer cannot be allocated (the process is at its
 * direct-memory limit) closes, logs it once, and leaks nothing, instead of going on with
 * every write failing silently or waiting forever for an answer that was never made.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpAllocationFailureTests {

    private static final String CLOSING = "Closing HTTP connection from";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class);

    private final ShopService shop = pair.serverBean(ShopService.class);

    private final FailingAllocator allocator = new FailingAllocator();

    private LeakDetection leaks;

    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        this.leaks = new LeakDetection();
        RpcServer rpc = pair.serverBean(ServerHolder.class).getServer();
        HttpTransport transport = new HttpTransport(Dispatchers.of(rpc), 1024 * 1024);
        this.channel = new EmbeddedChannel();
        this.channel.config().setAllocator(this.allocator);
        transport.install(this.channel.pipeline());
    }

    @AfterEach
    void close() {
        shop.unblock();
        shop.reset();
        this.channel.finishAndReleaseAll();
        this.leaks.close();
    }

    @Test
    void answerThatCannotBeWrittenClosesTheConnection(CapturedOutput output) {
        this.allocator.failing = true;
        this.channel.writeInbound(request(RawHttp.get("/") + RawHttp.get("/")));
        this.channel.runPendingTasks();
        assertThat(this.channel.isOpen()).as("connection open after its answer failed").isFalse();
        assertThat(this.channel.<Object>readOutbound()).isNull();
        assertThat(count(output)).isOne();
        assertThat(lineContaining(output)).contains("WARN").contains(OutOfDirectMemoryError.class.getName());
        this.leaks.assertNoLeaks();
    }

    @Test
    void resultThatCannotBeAllocatedClosesTheConnection(CapturedOutput output) throws Exception {
        this.channel.writeInbound(request(RawHttp.post("/io.rpcboot.http.Shop/block", "[]")
                + RawHttp.post("/io.rpcboot.http.Shop/greet", "[\"Ada\"]")));
        assertThat(shop.awaitBlockStarted()).isTrue();
        this.allocator.failing = true;
        shop.unblock();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (this.channel.isOpen() && System.nanoTime() < deadline) {
            this.channel.runPendingTasks();
            Thread.onSpinWait();
        }
        assertThat(this.channel.isOpen()).as("connection open after its answer could not be made").isFalse();
        assertThat(count(output)).isOne();
        assertThat(lineContaining(output)).contains("WARN").contains("could not be made");
        this.leaks.assertNoLeaks();
    }

    private static ByteBuf request(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static long count(CapturedOutput output) {
        return output.getOut().lines().filter((line) -> line.contains(CLOSING)).count();
    }

    private static String lineContaining(CapturedOutput output) {
        return output.getOut().lines().filter((line) -> line.contains(CLOSING)).findFirst().orElseThrow();
    }

    /**
     * Allocates as Netty's unpooled allocator does, or fails as at the direct-memory
     * limit.
     */
    static final class FailingAllocator extends AbstractByteBufAllocator {

        volatile boolean failing;

        FailingAllocator() {
            super(true);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            failIfAsked();
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            failIfAsked();
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private void failIfAsked() {
            if (this.failing) {
                throw outOfDirectMemory();
            }
        }

        private static OutOfDirectMemoryError outOfDirectMemory() {
            try {
                Constructor<OutOfDirectMemoryError> constructor = OutOfDirectMemoryError.class
                    .getDeclaredConstructor(String.class);
                constructor.setAccessible(true);
                return constructor.newInstance(
                        "failed to allocate 65536 byte(s) of direct memory (used: " + "402653184, max: 402653184)");
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }

    }

}
