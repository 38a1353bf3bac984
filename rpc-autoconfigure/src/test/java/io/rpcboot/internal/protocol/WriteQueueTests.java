package io.rpcboot.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's write queue: frames queued as they are and writes queued as tasks go
 * out in the order they were queued, and a frame queued for a closed connection is
 * released.
 */
class WriteQueueTests {

    @Test
    void framesAndWritesGoOutInTheOrderTheyWereQueued() {
        EmbeddedChannel channel = new EmbeddedChannel();
        WriteQueue writes = new WriteQueue(channel);
        assertThat(writes.enqueue((target) -> target.write(frame(1), target.voidPromise()))).isTrue();
        assertThat(writes.enqueue(frame(2))).isTrue();
        assertThat(writes.enqueue((target) -> target.write(frame(3), target.voidPromise()))).isTrue();
        assertThat(writes.enqueue(frame(4))).isTrue();
        channel.runPendingTasks();
        for (int expected = 1; expected <= 4; expected++) {
            ByteBuf written = channel.readOutbound();
            assertThat(written.readInt()).isEqualTo(expected);
            written.release();
        }
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void frameQueuedForAClosedConnectionIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        WriteQueue writes = new WriteQueue(channel);
        channel.close();
        ByteBuf frame = frame(1);
        writes.enqueue(frame);
        channel.runPendingTasks();
        assertThat(frame.refCnt()).isZero();
    }

    private static ByteBuf frame(int value) {
        return Unpooled.buffer(4).writeInt(value);
    }

}
