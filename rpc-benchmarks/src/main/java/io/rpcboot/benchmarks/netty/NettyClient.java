package io.rpcboot.benchmarks.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

import io.rpcboot.benchmarks.StackClient;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

/**
 * The raw Netty baseline's caller: one connection that every caller thread shares. A
 * caller serializes its request on its own thread and queues it; one task on the event
 * loop writes everything queued, assigns the request ids in write order, and flushes
 * once. The answer's payload is handed to the waiting caller, which deserializes it on
 * its own thread. Deadlines are the caller's wait; nothing is scheduled per call.
 */
public final class NettyClient extends ChannelInboundHandlerAdapter implements StackClient {

    private static final long WAIT_SECONDS = 30;

    private final ObjectWriter itemWriter;

    private final ObjectReader itemReader;

    private final ObjectReader listReader;

    private final EventLoopGroup group;

    private final Channel channel;

    private final Queue<Call> queued = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final IntObjectMap<Call> pending = new IntObjectHashMap<>();

    private int nextId = 1;

    private NettyClient(ObjectMapper mapper, int port) {
        this.itemWriter = mapper.writerFor(Item.class);
        this.itemReader = mapper.readerFor(Item.class);
        this.listReader = mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, Item.class));
        this.group = new MultiThreadIoEventLoopGroup(1, NettyTransport.ioHandlerFactory());
        this.channel = new Bootstrap().group(this.group)
            .channel(NettyTransport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline()
                        .addLast(new LengthFieldBasedFrameDecoder(NettyTransport.MAX_FRAME, 0, 4, 0, 4))
                        .addLast(NettyClient.this);
                }
            })
            .connect("127.0.0.1", port)
            .syncUninterruptibly()
            .channel();
    }

    /**
     * Connects to the server on the given port of 127.0.0.1.
     * @param port the server's port
     * @return the caller
     */
    public static StackClient connect(int port) {
        return new NettyClient(NettyTransport.payloadMapper(), port);
    }

    @Override
    public boolean echo(long id) {
        Item sent = Workload.item(id);
        ByteBuf request = begin(NettyTransport.ECHO);
        this.itemWriter.writeValue((java.io.OutputStream) new ByteBufOutputStream(request), sent);
        ByteBuf answer = call(request);
        try {
            return sent.equals(this.itemReader.readValue((java.io.InputStream) new ByteBufInputStream(answer)));
        }
        finally {
            answer.release();
        }
    }

    @Override
    public boolean list(int n) {
        ByteBuf request = begin(NettyTransport.LIST).writeInt(n);
        ByteBuf answer = call(request);
        try {
            List<Item> items = this.listReader.readValue((java.io.InputStream) new ByteBufInputStream(answer));
            return Workload.isList(items, n);
        }
        finally {
            answer.release();
        }
    }

    private ByteBuf begin(byte method) {
        return this.channel.alloc().buffer().writeInt(0).writeInt(0).writeByte(method);
    }

    private ByteBuf call(ByteBuf request) {
        request.setInt(0, request.readableBytes() - 4);
        Call call = new Call(request);
        this.queued.add(call);
        if (this.drainScheduled.compareAndSet(false, true)) {
            this.channel.eventLoop().execute(this::drain);
        }
        try {
            return call.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("call failed", ex);
        }
    }

    // the void promise sends a failure to exceptionCaught
    @SuppressWarnings("FutureReturnValueIgnored")
    private void drain() {
        this.drainScheduled.set(false);
        boolean wrote = false;
        for (Call call = this.queued.poll(); call != null; call = this.queued.poll()) {
            if (!this.channel.isActive()) {
                call.request.release();
                call.completeExceptionally(new IllegalStateException("connection closed"));
                continue;
            }
            int id = this.nextId++;
            call.request.setInt(4, id);
            this.pending.put(id, call);
            this.channel.write(call.request, this.channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            this.channel.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf response = (ByteBuf) msg;
        Call call = this.pending.remove(response.readInt());
        if (call == null) {
            response.release();
            return;
        }
        call.complete(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        List<Call> calls = new ArrayList<>(this.pending.values());
        this.pending.clear();
        calls.forEach((call) -> call.completeExceptionally(new IllegalStateException("connection closed")));
        ctx.fireChannelInactive();
    }

    @Override
    // nothing waits for the close
    @SuppressWarnings("FutureReturnValueIgnored")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    public void close() {
        this.channel.close().syncUninterruptibly();
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Call extends CompletableFuture<ByteBuf> {

        private final ByteBuf request;

        Call(ByteBuf request) {
            this.request = request;
        }

    }

}
