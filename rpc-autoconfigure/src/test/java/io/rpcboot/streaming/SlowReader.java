package io.rpcboot.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rpcboot.support.RawConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of {@link PipeService} over a raw connection that reads only when its test
 * does, so that the server's writes of a result stream back up: the connection, the
 * {@code texts} calls and their credit, and the wait until the server stopped producing.
 */
final class SlowReader {

    /** The length of each element the {@code texts} calls ask for. */
    static final int LENGTH = 8 * 1024;

    private static final int FLAG_STREAM = 0x08;

    static final int MESSAGE = 7;

    private static final int CREDIT = 8;

    private static final String TEXTS = "texts(java.lang.String,int)";

    private static final Duration STALL_WAIT = Duration.ofSeconds(30);

    private SlowReader() {
    }

    /**
     * Connects with the streaming settings, and reads the server's preface and settings.
     * @param port the server's port
     * @return the connection
     */
    static RawConnection connect(int port) {
        RawConnection connection = RawConnection.connect(port);
        connection.writePreface();
        connection.writeStreamingSettings(4 * 1024 * 1024);
        assertThat(connection.readInt()).as("the server's preface").isEqualTo(RawConnection.MAGIC);
        assertThat(connection.readUnsignedByte()).isEqualTo(RawConnection.VERSION);
        assertThat(connection.readFrame().type()).as("the server's SETTINGS").isEqualTo(RawConnection.SETTINGS);
        return connection;
    }

    /**
     * Starts a call of {@link Pipe#texts} for elements of {@link #LENGTH} characters.
     * @param connection the connection
     * @param id the call's id
     * @param key the name under which {@link PipeService} counts what it produced
     */
    static void startTexts(RawConnection connection, int id, String key) {
        connection.writeRequest(id, FLAG_STREAM, Pipe.class.getName(), TEXTS, 0,
                ("[\"" + key + "\"," + LENGTH + "]").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Grants a stream call credit for more elements.
     * @param connection the connection
     * @param id the call's id
     * @param count how many elements
     */
    static void grant(RawConnection connection, int id, int count) {
        connection.writeFrame(CREDIT, id, ByteBuffer.allocate(4).putInt(count).array());
    }

    /**
     * Waits until a count of produced elements is positive and has not moved for a
     * second.
     * @param count the count
     * @return its value then
     * @throws InterruptedException if interrupted while waiting
     */
    static long awaitStalled(AtomicLong count) throws InterruptedException {
        long deadline = System.nanoTime() + STALL_WAIT.toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            long now = count.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
            else if (now > 0 && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(1)) {
                return now;
            }
            assertThat(System.nanoTime() - deadline).as("production stalled within " + STALL_WAIT).isNegative();
            TimeUnit.MILLISECONDS.sleep(10); // polling, with a deadline
        }
    }

}
