package io.rpcboot.internal.client;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.Frame;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.ResponseFrame;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * A client connection on an {@link EmbeddedChannel}: the test runs the event loop's tasks
 * and the callback executor's by hand, so it decides the order in which a call's
 * transitions happen.
 */
final class EmbeddedClient implements AutoCloseable {

    /** The service the tests call. */
    interface Jobs {

        CompletableFuture<String> run(String job);

        CompletableFuture<String> check(String job);

    }

    /** A frame the client wrote: its type and id. */
    record Written(byte type, int id) {
    }

    private final PayloadCodec codec = new PayloadCodec(new JsonMapper());

    private final Timer timer;

    private final Queue<Runnable> callbacks = new ArrayDeque<>();

    final ClientConnection connection;

    final EmbeddedChannel channel;

    final ClientMethod run;

    /** A second method of the client: its answers share the client's callbacks. */
    final ClientMethod check;

    EmbeddedClient() {
        this(1, Integer.MAX_VALUE - ClientConnection.DRAIN_MARGIN);
    }

    EmbeddedClient(int firstRequestId, int drainAfterId) {
        this(firstRequestId, drainAfterId, new HashedWheelTimer(10, TimeUnit.MILLISECONDS));
    }

    /** Creates a client whose deadlines expire on the given timer. */
    EmbeddedClient(Timer timer) {
        this(1, Integer.MAX_VALUE - ClientConnection.DRAIN_MARGIN, timer);
    }

    private EmbeddedClient(int firstRequestId, int drainAfterId, Timer timer) {
        this.timer = timer;
        ClientOptions options = new ClientOptions(FrameCodec.DEFAULT_MAX_MESSAGE_SIZE, Duration.ofSeconds(5));
        this.connection = new ClientConnection(new EndpointAddress("embedded", 1), options, this.codec, this.timer,
                firstRequestId, drainAfterId);
        this.channel = new EmbeddedChannel(this.connection);
        written(); // the preface and settings
        Connections connections = (tried) -> this.connection.ready();
        CallbackBatches callbacks = new CallbackBatches(this.callbacks::add);
        Retries retries = new Retries("jobs", connections, ServicePolicy.DEFAULT, RetryListener.NONE, this.timer);
        this.run = method("run", connections, callbacks, retries);
        this.check = method("check", connections, callbacks, retries);
    }

    private ClientMethod method(String name, Connections connections, CallbackBatches callbacks, Retries retries) {
        return new ClientMethod(this.codec.describe(Jobs.class, method(name)),
                Jobs.class.getName().getBytes(StandardCharsets.UTF_8), "jobs", connections,
                TimeUnit.SECONDS.toNanos(30), this.codec, callbacks, RpcInterceptorChain.of(List.of()), false, retries);
    }

    private static Method method(String name) {
        try {
            return Jobs.class.getMethod(name, String.class);
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Completes the handshake as the server. */
    EmbeddedClient handshake() {
        return handshake(Integer.MAX_VALUE);
    }

    /**
     * Completes the handshake as a server that runs at most the given number of calls at
     * once.
     */
    EmbeddedClient handshake(int maxConcurrentCalls) {
        this.channel.writeInbound(new Frame.Settings(FrameCodec.DEFAULT_MAX_MESSAGE_SIZE,
                PayloadFormat.JSON.settingsBit(), maxConcurrentCalls));
        return this;
    }

    /** Calls the method, as a proxy would. */
    CompletableFuture<String> call(String job) {
        return call(this.run, job);
    }

    /** Calls a method of the client, as a proxy would. */
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call(ClientMethod method, String job) {
        try {
            return (CompletableFuture<String>) method.invoke(new Object[] { job });
        }
        catch (Throwable ex) {
            throw new AssertionError("an asynchronous call threw instead of failing its future", ex);
        }
    }

    /** Runs what is queued on the event loop and returns the frames written meanwhile. */
    List<Written> written() {
        this.channel.runPendingTasks();
        List<Written> frames = new ArrayList<>();
        ByteBuf frame;
        while ((frame = this.channel.readOutbound()) != null) {
            if (frame.readableBytes() < FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH) {
                frame.release(); // the preface
                continue;
            }
            frames.add(new Written(frame.getByte(frame.readerIndex() + FrameCodec.LENGTH_FIELD),
                    frame.getInt(frame.readerIndex() + FrameCodec.LENGTH_FIELD + 2)));
            frame.release();
        }
        return frames;
    }

    /**
     * A request the client wrote: its id, the time left it carries, and its arguments as
     * JSON.
     */
    record Request(int id, long timeoutMillis, String arguments) {
    }

    /**
     * Runs what is queued on the event loop and returns the requests written meanwhile.
     */
    List<Request> requests() {
        this.channel.runPendingTasks();
        List<Request> requests = new ArrayList<>();
        ByteBuf frame;
        while ((frame = this.channel.readOutbound()) != null) {
            try {
                if (frame.readableBytes() >= FrameCodec.LENGTH_FIELD + FrameCodec.HEADER_AFTER_LENGTH
                        && frame.getByte(frame.readerIndex() + FrameCodec.LENGTH_FIELD) == FrameType.REQUEST) {
                    requests.add(readRequest(frame));
                }
            }
            finally {
                frame.release();
            }
        }
        return requests;
    }

    private static Request readRequest(ByteBuf frame) {
        frame.skipBytes(FrameCodec.LENGTH_FIELD + 2);
        int id = frame.readInt();
        frame.skipBytes(frame.readUnsignedShort()); // service
        frame.skipBytes(frame.readUnsignedShort()); // method
        long timeoutMillis = frame.readUnsignedInt();
        int metadataEntries = frame.readUnsignedShort() * 2;
        for (int i = 0; i < metadataEntries; i++) {
            frame.skipBytes(frame.readUnsignedShort());
        }
        return new Request(id, timeoutMillis, frame.toString(StandardCharsets.UTF_8));
    }

    /** The ids of the requests the client wrote since the last look. */
    List<Integer> requestIds() {
        return written().stream().filter((frame) -> frame.type() == FrameType.REQUEST).map(Written::id).toList();
    }

    /** Answers a request as the server, with a JSON string. */
    void answer(int id, ByteBuf payload) {
        this.channel.writeInbound(new ResponseFrame(id, RpcStatus.OK, Map.of(), PayloadFormat.JSON, payload));
    }

    static ByteBuf json(String value) {
        return Unpooled.copiedBuffer("\"" + value + "\"", StandardCharsets.UTF_8);
    }

    /**
     * Answers requests as the server, in one read: the event loop reads every answer
     * before its read is complete.
     */
    void answerInOneRead(List<Integer> ids) {
        Object[] answers = ids.stream()
            .map((id) -> new ResponseFrame(id, RpcStatus.OK, Map.of(), PayloadFormat.JSON, json("done " + id)))
            .toArray();
        this.channel.writeInbound(answers);
    }

    /** Returns how many tasks wait on the callback executor. */
    int queuedCallbacks() {
        return this.callbacks.size();
    }

    /** Runs the callbacks queued on the callback executor. */
    void runCallbacks() {
        Runnable callback;
        while ((callback = this.callbacks.poll()) != null) {
            callback.run();
        }
    }

    @Override
    public void close() {
        this.channel.finishAndReleaseAll();
        this.timer.stop();
    }

}
