package io.rpcboot.benchmarks.netty;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;

import io.rpcboot.internal.protocol.ConstructorCreatorsModule;

/**
 * The baseline's wire and transport. A frame is a 4-byte length (of what follows), a
 * 4-byte request id, and then: in a request a method byte and the method's payload
 * ({@code echo}: the item; {@code list}: a 4-byte count), in a response the result.
 * Payloads are Smile, rpcboot's default format, written by Jackson's {@link SmileMapper}
 * with per-thread buffers and the {@link ConstructorCreatorsModule}, as rpcboot's are.
 * Native epoll when available, as rpcboot's design asks for. (It borrows rpcboot's
 * internal {@link ConstructorCreatorsModule}, so that the baseline reads records as
 * rpcboot does; applications do not use internal classes.)
 */
final class NettyTransport {

    static final byte ECHO = 1;

    static final byte LIST = 2;

    static final int MAX_FRAME = 16 * 1024 * 1024;

    static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport() {
    }

    static ObjectMapper payloadMapper() {
        return SmileMapper.builder(SmileFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .addModule(new ConstructorCreatorsModule())
            .build();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends Channel> channel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

}
