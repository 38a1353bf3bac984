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

/**
 * The baseline's wire and transport. A frame is a 4-byte length (of what follows), a 4-byte request
 * id, and then: in a request a method byte and the method's JSON payload ({@code echo}: the item;
 * {@code list}: a 4-byte count), in a response the JSON result. Native epoll when available, as
 * rpcboot's design asks for.
 */
final class NettyTransport {

    static final byte ECHO = 1;

    static final byte LIST = 2;

    static final int MAX_FRAME = 16 * 1024 * 1024;

    static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport() {
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
