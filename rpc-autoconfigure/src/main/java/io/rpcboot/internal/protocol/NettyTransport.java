package io.rpcboot.internal.protocol;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport of servers and clients: native epoll on Linux when its library is
 * on the classpath (the starter brings it), Java NIO elsewhere.
 * {@code -Drpcboot.transport=nio} forces NIO. In-process channels use Netty's local
 * transport, whose channels need event loops of their own.
 */
public final class NettyTransport {

    private static final boolean EPOLL = !"nio".equals(System.getProperty("rpcboot.transport")) && Epoll.isAvailable();

    private NettyTransport() {
    }

    /**
     * Returns the name of the transport in use, for logs.
     * @return {@code epoll} or {@code nio}
     */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /**
     * Creates an event loop group.
     * @param threads the number of threads, {@code 0} for Netty's default
     * @param threadFactory the factory of its threads
     * @return the group
     */
    public static EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
        IoHandlerFactory handlers = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, handlers);
    }

    /**
     * Creates an event loop group for in-process channels ({@code LocalChannel} and
     * {@code LocalServerChannel}).
     * @param threads the number of threads, {@code 0} for Netty's default
     * @param threadFactory the factory of its threads
     * @return the group
     */
    public static EventLoopGroup inProcessEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, LocalIoHandler.newFactory());
    }

    /**
     * Returns the class of server channels.
     * @return the class
     */
    public static Class<? extends ServerChannel> serverChannelType() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Returns the class of client channels.
     * @return the class
     */
    public static Class<? extends Channel> channelType() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

}
