package io.rpcboot.benchmarks.netty;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

import io.rpcboot.benchmarks.RunningServer;
import io.rpcboot.benchmarks.api.BenchService;
import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.WorkloadBenchService;

/**
 * The raw Netty baseline's server: it reads a request, runs it and writes the answer on
 * the event loop (the calls never block), and flushes once per batch of reads.
 */
public final class NettyServer {

    private NettyServer() {
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     * @return the running server
     */
    public static RunningServer start() {
        ObjectMapper mapper = NettyTransport.payloadMapper();
        Calls calls = new Calls(mapper, new WorkloadBenchService());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NettyTransport.ioHandlerFactory());
        Channel server = new ServerBootstrap().group(group)
            .channel(NettyTransport.serverChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline()
                        .addLast(new LengthFieldBasedFrameDecoder(NettyTransport.MAX_FRAME, 0, 4, 0, 4))
                        .addLast(calls);
                }
            })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
        int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        return new RunningServer(port, () -> {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        });
    }

    @ChannelHandler.Sharable
    private static final class Calls extends ChannelInboundHandlerAdapter {

        private final BenchService service;

        private final ObjectReader itemReader;

        private final ObjectWriter itemWriter;

        private final ObjectWriter listWriter;

        Calls(ObjectMapper mapper, BenchService service) {
            this.service = service;
            this.itemReader = mapper.readerFor(Item.class);
            this.itemWriter = mapper.writerFor(Item.class);
            this.listWriter = mapper.writerFor(mapper.getTypeFactory().constructCollectionType(List.class, Item.class));
        }

        @Override
        // the void promise sends a failure to exceptionCaught
        @SuppressWarnings("FutureReturnValueIgnored")
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf request = (ByteBuf) msg;
            ByteBuf response = ctx.alloc().buffer();
            try {
                int id = request.readInt();
                byte method = request.readByte();
                response.writeInt(0).writeInt(id);
                if (method == NettyTransport.ECHO) {
                    Item item = this.itemReader.readValue((java.io.InputStream) new ByteBufInputStream(request));
                    this.itemWriter.writeValue((java.io.OutputStream) new ByteBufOutputStream(response),
                            this.service.echo(item));
                }
                else {
                    this.listWriter.writeValue((java.io.OutputStream) new ByteBufOutputStream(response),
                            this.service.list(request.readInt()));
                }
                response.setInt(0, response.readableBytes() - 4);
            }
            catch (RuntimeException ex) {
                response.release();
                throw ex;
            }
            finally {
                request.release();
            }
            ctx.write(response, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        // nothing waits for the close
        @SuppressWarnings("FutureReturnValueIgnored")
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

    }

}
