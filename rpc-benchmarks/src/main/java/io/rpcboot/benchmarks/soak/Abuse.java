package io.rpcboot.benchmarks.soak;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * One abusive pattern, run by threads of the soak JVM against the server on 127.0.0.1
 * until the abuse phase ends or the pattern's budget (bytes, connections) is spent. It
 * counts what it sent and how the server treated it: connections the server refused or
 * closed, answers by status, and the connections still open at the end (those whose
 * writes were blocked: the server had stopped reading them).
 */
abstract class Abuse {

    private final CountDownLatch stopped = new CountDownLatch(1);

    private final List<Conn> connections = new ArrayList<>();

    private final List<Thread> threads = new ArrayList<>();

    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

    private final AtomicLong opened = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong closedByServer = new AtomicLong();

    private final AtomicLong bytesSent = new AtomicLong();

    private volatile @Nullable String failure;

    /** The server's port on 127.0.0.1. */
    protected final int port;

    /** A factor on the pattern's budget. */
    protected final double volume;

    /**
     * Creates a pattern.
     * @param port the server's port on 127.0.0.1
     * @param volume a factor on the pattern's budget, {@code 1} for the soak's
     */
    protected Abuse(int port, double volume) {
        this.port = port;
        this.volume = volume;
    }

    /**
     * Returns the pattern's name, as {@code --abuse=} names it.
     * @return the name
     */
    abstract String name();

    /**
     * Sends the abuse until {@link #stopping()} or the budget is spent; runs on its own
     * thread.
     * @throws Exception when the pattern cannot go on
     */
    abstract void abuse() throws Exception;

    /**
     * Describes what the pattern sent, for the report.
     * @return a short sentence
     */
    abstract String sent();

    /** Starts the pattern's thread. */
    final void start() {
        spawn(() -> {
            try {
                abuse();
            }
            catch (Exception ex) {
                if (!stopping()) {
                    this.failure = ex.toString();
                }
            }
        });
    }

    /**
     * Stops the pattern, finds out which of its connections are still open, closes them
     * and waits for its threads.
     * @return what it did
     */
    final AbuseReport stop() throws InterruptedException {
        this.stopped.countDown();
        long open = 0;
        long blocked = 0;
        List<Conn> all;
        synchronized (this.connections) {
            all = new ArrayList<>(this.connections);
        }
        for (Conn conn : all) {
            if (conn.closed) {
                continue;
            }
            if (conn.writing) {
                blocked++;
            }
            else if (conn.reading || isOpen(conn.channel)) {
                open++;
            }
            else {
                this.closedByServer.incrementAndGet();
            }
        }
        for (Conn conn : all) {
            closeQuietly(conn);
        }
        for (Thread thread : this.threads) {
            thread.join(5000);
        }
        Map<String, Long> counted = new TreeMap<>();
        this.answers.forEach((status, count) -> counted.put(status, count.sum()));
        return new AbuseReport(name(), sent(), this.bytesSent.get(), this.opened.get(), this.refused.get(),
                this.closedByServer.get(), open, blocked, counted, this.failure);
    }

    /**
     * Returns whether the abuse phase has ended.
     * @return whether to stop
     */
    protected final boolean stopping() {
        return this.stopped.getCount() == 0;
    }

    /**
     * Waits for a time, or until the phase ends.
     * @param millis how long
     * @return whether the phase goes on
     */
    protected final boolean pace(long millis) throws InterruptedException {
        return !this.stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a task on a thread of this pattern, which {@link #stop()} waits for.
     * @param task the task
     */
    protected final void spawn(Runnable task) {
        Thread thread = new Thread(task, "abuse-" + name() + "-" + this.threads.size());
        thread.setDaemon(true);
        synchronized (this.threads) {
            this.threads.add(thread);
        }
        thread.start();
    }

    /**
     * Opens a connection to the server.
     * @return the connection, or {@code null} when the server refused it
     */
    // an IP literal: nothing to resolve
    @SuppressWarnings("AddressSelection")
    protected final @Nullable Conn open() {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(channel);
            synchronized (this.connections) {
                this.connections.add(conn);
            }
            channel.connect(new InetSocketAddress("127.0.0.1", this.port));
            this.opened.incrementAndGet();
            return conn;
        }
        catch (IOException ex) {
            this.refused.incrementAndGet();
            return null;
        }
    }

    /**
     * Opens a binary-protocol connection: sends the preface and SETTINGS and reads the
     * server's.
     * @return the connection, or {@code null} when the server refused or closed it
     */
    protected final @Nullable Conn openBinary() {
        Conn conn = open();
        if (conn == null || !send(conn, Wire.opening())) {
            return null;
        }
        try {
            conn.channel.socket().setSoTimeout(10_000);
            Wire.readOpening(conn.in());
            return conn;
        }
        catch (IOException ex) {
            lost(conn);
            return null;
        }
    }

    /**
     * Writes bytes, blocking while the server does not read them.
     * @param conn the connection
     * @param bytes the bytes
     * @return whether they were written; {@code false} when the connection was closed
     */
    protected final boolean send(Conn conn, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        conn.writing = true;
        try {
            while (buffer.hasRemaining()) {
                this.bytesSent.addAndGet(conn.channel.write(buffer));
            }
            return true;
        }
        catch (IOException ex) {
            lost(conn);
            return false;
        }
        finally {
            conn.writing = false;
        }
    }

    /**
     * Counts an answer.
     * @param status the answer's status, such as {@code OK} or {@code HTTP 504}
     */
    protected final void answered(String status) {
        this.answers.computeIfAbsent(status, (key) -> new LongAdder()).increment();
    }

    /**
     * Records that the server closed a connection (unless the phase is ending, which
     * closes it).
     * @param conn the connection
     */
    protected final void lost(Conn conn) {
        if (!conn.closed && !stopping()) {
            this.closedByServer.incrementAndGet();
        }
        closeQuietly(conn);
    }

    /**
     * Closes a connection at once, with a reset (SO_LINGER 0).
     * @param conn the connection
     */
    protected final void reset(Conn conn) {
        try {
            conn.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        catch (IOException ex) {
            // closed already
        }
        closeQuietly(conn);
    }

    /**
     * Closes a connection and forgets it.
     * @param conn the connection
     */
    protected final void closeQuietly(Conn conn) {
        conn.closed = true;
        try {
            conn.channel.close();
        }
        catch (IOException ex) {
            // closed already
        }
        synchronized (this.connections) {
            this.connections.remove(conn);
        }
    }

    /**
     * Reads a connection's answers on a thread of this pattern and counts them by status,
     * until the connection closes.
     * @param conn the connection, after its opening
     * @param http whether it speaks HTTP, else the binary protocol
     * @param counter counts the answers, for a pattern that paces itself by them
     */
    protected final void readAnswers(Conn conn, boolean http, AtomicLong counter) {
        spawn(() -> {
            conn.reading = true;
            try {
                conn.channel.socket().setSoTimeout(0);
                DataInputStream in = conn.in();
                while (!stopping()) {
                    answered(http ? Wire.readHttpStatus(in) : Wire.readResponseStatus(in));
                    counter.incrementAndGet();
                }
            }
            catch (IOException ex) {
                lost(conn);
            }
            finally {
                conn.reading = false;
            }
        });
    }

    private static boolean isOpen(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < 16; i++) {
                sink.clear();
                int read = channel.read(sink);
                if (read < 0) {
                    return false;
                }
                if (read == 0) {
                    return true;
                }
            }
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** A connection of a pattern. */
    static final class Conn {

        final SocketChannel channel;

        volatile boolean writing;

        volatile boolean reading;

        volatile boolean closed;

        private @Nullable DataInputStream in;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        /**
         * Returns a blocking input stream of the connection (the socket's read timeout
         * applies).
         * @return the stream
         * @throws IOException when the socket is closed
         */
        DataInputStream in() throws IOException {
            DataInputStream stream = this.in;
            if (stream == null) {
                InputStream socketIn = this.channel.socket().getInputStream();
                stream = new DataInputStream(new java.io.BufferedInputStream(socketIn, 16 * 1024));
                this.in = stream;
            }
            return stream;
        }

        /**
         * Returns an input stream that ignores the socket's read timeout.
         * @return the stream
         */
        InputStream channelIn() {
            return Channels.newInputStream(this.channel);
        }

    }

}
