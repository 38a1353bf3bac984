package io.rpcboot.benchmarks.jmh;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

import io.rpcboot.RpcStatus;
import io.rpcboot.benchmarks.BootJsonMapper;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.FrameDecoder;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.protocol.Preface;
import io.rpcboot.internal.protocol.RequestFrame;
import io.rpcboot.internal.protocol.ResponseFrame;

/**
 * rpcboot's codec paths, one call's worth each, with the mapper Spring Boot builds: what
 * the caller does to send a request and read its answer, what the server does to read a
 * request and write the answer. Run with {@code rpc-benchmarks/jmh.sh} ({@code -prof gc}
 * shows the bytes allocated per operation). The plain Jackson benchmarks are the floor:
 * the same item to and from a byte array. It measures rpcboot's internal classes
 * ({@code io.rpcboot.internal.protocol}), which applications never use: they may change
 * in any release, and this benchmark changes with them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+UseG1GC" })
public class CodecBenchmarks {

    /** The payload format of every frame and of the plain Jackson floor. */
    @Param({ "JSON", "SMILE" })
    public PayloadFormat format;

    /** The allocator of rpcboot's channels: Netty's default. */
    private static final ByteBufAllocator ALLOCATOR = ByteBufAllocator.DEFAULT;

    private static final byte[] SERVICE = BenchService.class.getName().getBytes(StandardCharsets.UTF_8);

    private MethodDescriptor echo;

    private MethodDescriptor list;

    private Item item;

    private Object[] echoArguments;

    private List<Item> items;

    private ByteBuf echoRequestFrame;

    private ByteBuf echoArgumentsPayload;

    private ByteBuf echoResponseFrame;

    private ByteBuf listResponseFrame;

    private EmbeddedChannel serverDecoder;

    private EmbeddedChannel clientDecoder;

    private ObjectWriter itemWriter;

    private ObjectReader itemReader;

    private byte[] itemBytes;

    @Setup(Level.Trial)
    public void setUp() throws NoSuchMethodException {
        // the codec as the starter's auto-configuration builds it, on platform threads
        PayloadCodec codec = PayloadCodec.forApplication(BootJsonMapper.create(), List.of(), false);
        Method echoMethod = BenchService.class.getMethod("echo", Item.class);
        this.echo = codec.describe(echoMethod);
        this.list = codec.describe(BenchService.class.getMethod("list", int.class));
        this.item = Workload.item(Workload.ECHO_ID_BASE + 4242);
        this.echoArguments = new Object[] { this.item };
        this.items = Workload.items(1000);
        this.echoRequestFrame = newEchoRequest();
        this.echoArgumentsPayload = ALLOCATOR.directBuffer();
        this.echo.writeArguments(this.echoArgumentsPayload, this.echoArguments, this.format);
        this.echoResponseFrame = newResponse(this.echo, this.item);
        this.listResponseFrame = newResponse(this.list, this.items);
        this.serverDecoder = decoder();
        this.clientDecoder = decoder();
        this.itemWriter = codec.mapper(this.format).writerFor(Item.class);
        this.itemReader = codec.mapper(this.format).readerFor(Item.class);
        this.itemBytes = this.itemWriter.writeValueAsBytes(this.item);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.serverDecoder.finishAndReleaseAll();
        this.clientDecoder.finishAndReleaseAll();
        this.echoRequestFrame.release();
        this.echoArgumentsPayload.release();
        this.echoResponseFrame.release();
        this.listResponseFrame.release();
    }

    /** Caller: a request frame of echo, written into a pooled buffer. */
    @Benchmark
    public int encodeEchoRequest() {
        ByteBuf frame = newEchoRequest();
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    /**
     * Server: echo's request frame through the frame decoder, then its arguments read.
     */
    @Benchmark
    public Object[] decodeEchoRequest() {
        this.serverDecoder.writeInbound(this.echoRequestFrame.retainedDuplicate());
        RequestFrame request = this.serverDecoder.readInbound();
        try {
            return this.echo.readArguments(request.payload(), request.format());
        }
        finally {
            request.payload().release();
        }
    }

    /** Server: the arguments of echo alone, from their array. */
    @Benchmark
    public Object[] readEchoArguments() {
        return this.echo.readArguments(this.echoArgumentsPayload.duplicate(), this.format);
    }

    /** Server: echo's response frame, the item serialized into a pooled buffer. */
    @Benchmark
    public int encodeEchoResponse() {
        ByteBuf frame = newResponse(this.echo, this.item);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    /** Caller: echo's response frame through the frame decoder, then the item read. */
    @Benchmark
    public @Nullable Object decodeEchoResponse() {
        this.clientDecoder.writeInbound(this.echoResponseFrame.retainedDuplicate());
        ResponseFrame response = this.clientDecoder.readInbound();
        try {
            return this.echo.readResult(response.payload(), response.format());
        }
        finally {
            response.payload().release();
        }
    }

    /**
     * Server: list's response frame of 1000 items (about 75 KB of JSON, 46 KB of Smile).
     */
    @Benchmark
    public int encodeListResponse() {
        ByteBuf frame = newResponse(this.list, this.items);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    /**
     * Caller: list's response frame of 1000 items through the frame decoder, then the
     * items read.
     */
    @Benchmark
    public @Nullable Object decodeListResponse() {
        this.clientDecoder.writeInbound(this.listResponseFrame.retainedDuplicate());
        ResponseFrame response = this.clientDecoder.readInbound();
        try {
            return this.list.readResult(response.payload(), response.format());
        }
        finally {
            response.payload().release();
        }
    }

    /**
     * Floor: the item written by plain Jackson (the codec's mapper of the format) into a
     * byte array.
     */
    @Benchmark
    public byte[] jacksonWriteItem() {
        return this.itemWriter.writeValueAsBytes(this.item);
    }

    /** Floor: the item read by plain Jackson from a byte array. */
    @Benchmark
    public Item jacksonReadItem() {
        return this.itemReader.readValue(this.itemBytes);
    }

    private ByteBuf newEchoRequest() {
        ByteBuf frame = FrameCodec.beginRequest(ALLOCATOR, SERVICE, this.echo.keyBytes(), 5000, Map.of(), this.format);
        this.echo.writeArguments(frame, this.echoArguments, this.format);
        return FrameCodec.finish(frame);
    }

    private ByteBuf newResponse(MethodDescriptor method, Object result) {
        ByteBuf frame = FrameCodec.beginResponse(ALLOCATOR, 1, RpcStatus.OK, Map.of(), this.format);
        method.writeResult(frame, result, this.format);
        return FrameCodec.finish(frame);
    }

    private static EmbeddedChannel decoder() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FrameCodec.DEFAULT_MAX_MESSAGE_SIZE));
        channel.writeInbound(Preface.encode(ALLOCATOR));
        Object preface = channel.readInbound();
        if (preface == null) {
            throw new IllegalStateException("the decoder did not read the preface");
        }
        return channel;
    }

}
