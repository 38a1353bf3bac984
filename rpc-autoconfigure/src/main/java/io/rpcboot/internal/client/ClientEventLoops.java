package io.rpcboot.internal.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.NettyTransport;

/**
 * The client's event loops and the bootstrap of its TCP connections, created when the
 * first connection (or the first DNS lookup) needs them rather than with the factory: an
 * application's start-up does not pay for event loops its clients have not used yet.
 */
final class ClientEventLoops implements AutoCloseable {

    private final ThreadFactory threads;

    private final ClientOptions options;

    private @Nullable EventLoopGroup group;

    private @Nullable Bootstrap bootstrap;

    private boolean closed;

    /**
     * Creates the holder; nothing of Netty's is created yet.
     * @param threads the factory of the event loops' threads
     * @param options the connect timeout of every connection
     */
    ClientEventLoops(ThreadFactory threads, ClientOptions options) {
        this.threads = threads;
        this.options = options;
    }

    /**
     * Returns the bootstrap of TCP connections, creating the event loops the first time.
     * @return the bootstrap, to be cloned per connection
     * @throws IllegalStateException when the client factory is closed
     */
    synchronized Bootstrap bootstrap() {
        if (this.closed) {
            throw new IllegalStateException("The rpc client factory is closed");
        }
        Bootstrap bootstrap = this.bootstrap;
        if (bootstrap == null) {
            EventLoopGroup group = NettyTransport.eventLoopGroup(0, this.threads);
            bootstrap = new Bootstrap().group(group)
                .channel(NettyTransport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.connectTimeout().toMillis());
            this.group = group;
            this.bootstrap = bootstrap;
        }
        return bootstrap;
    }

    /**
     * Returns the event loops, creating them the first time.
     * @return the event loops
     * @throws IllegalStateException when the client factory is closed
     */
    synchronized EventLoopGroup group() {
        bootstrap();
        EventLoopGroup group = this.group;
        if (group == null) {
            throw new IllegalStateException("The rpc client's event loops were not created");
        }
        return group;
    }

    /**
     * Stops the event loops, if they were created, and creates none after.
     */
    @Override
    public void close() {
        EventLoopGroup group;
        synchronized (this) {
            this.closed = true;
            group = this.group;
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

}
