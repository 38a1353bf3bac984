package io.rpcboot.internal.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.internal.protocol.NettyTransport;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * An rpcboot server: a Netty endpoint that reads frames on its event loops and runs calls
 * on a bounded executor. Created configured but not started; {@link #start()} binds,
 * {@link #stop(Duration)} drains.
 */
public final class RpcServer {

    private static final Logger logger = LoggerFactory.getLogger(RpcServer.class);

    private final ServerOptions options;

    private final ServiceRegistry registry;

    private final PayloadCodec codec;

    private final @Nullable ExecutorService ownedExecutor;

    private final java.util.concurrent.Executor executor;

    private final AtomicInteger inFlight = new AtomicInteger();

    private @Nullable EventLoopGroup bossGroup;

    private @Nullable EventLoopGroup workerGroup;

    private @Nullable Channel serverChannel;

    private @Nullable ChannelGroup connections;

    private volatile boolean draining;

    private final RpcInterceptorChain interceptors;

    private final List<ConnectionProtocol> protocols;

    /**
     * Creates a server whose calls run through interceptors.
     * @param options where to listen and what to accept
     * @param registry the exported services
     * @param codec the payload codec
     * @param executor the executor that runs calls, {@code null} for a bounded pool of
     * {@link ServerOptions#maxThreads()} threads owned by the server
     * @param interceptors the interceptors every call runs through
     * @param protocols the protocols the server speaks besides its binary protocol, each
     * created from the dispatcher of the server's calls (HTTP/JSON, for example)
     */
    public RpcServer(ServerOptions options, ServiceRegistry registry, PayloadCodec codec,
            java.util.concurrent.@Nullable Executor executor, RpcInterceptorChain interceptors,
            List<Function<CallDispatcher, ConnectionProtocol>> protocols) {
        this.interceptors = interceptors;
        this.options = options;
        this.registry = registry;
        this.codec = codec;
        if (executor != null) {
            this.ownedExecutor = null;
            this.executor = executor;
        }
        else {
            CallExecutor pool = new CallExecutor(options.maxThreads(), options.maxQueuedCalls(),
                    new DefaultThreadFactory("rpc-server-call", true));
            this.ownedExecutor = pool;
            this.executor = pool;
        }
        List<ConnectionProtocol> spoken = new ArrayList<>();
        spoken.add(new BinaryProtocol(this));
        CallDispatcher dispatcher = new CallDispatcher(this);
        protocols.forEach((protocol) -> spoken.add(protocol.apply(dispatcher)));
        this.protocols = List.copyOf(spoken);
    }

    /**
     * Binds the server's port and starts reading connections.
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized void start() {
        if (this.serverChannel != null) {
            return;
        }
        // the accepting thread is not a daemon: like an embedded web server, a listening
        // rpc server
        // keeps the JVM alive until it is stopped
        this.bossGroup = NettyTransport.eventLoopGroup(1, new DefaultThreadFactory("rpc-server-accept", false));
        this.workerGroup = NettyTransport.eventLoopGroup(0, new DefaultThreadFactory("rpc-server-io", true));
        this.connections = new DefaultChannelGroup("rpc-server-connections", GlobalEventExecutor.INSTANCE);
        ChannelGroup group = this.connections;
        List<ConnectionProtocol> spoken = this.protocols;
        ConnectionGuard guard = new ConnectionGuard(this.options.connectionLimits(), spoken);
        @Nullable Supplier<SslContext> tls = this.options.tls();
        TlsFailureLog tlsFailures = new TlsFailureLog();
        ServerBootstrap bootstrap = new ServerBootstrap().group(this.bossGroup, this.workerGroup)
            .channel(NettyTransport.serverChannelType())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    group.add(channel);
                    if (!guard.admit(channel)) {
                        return;
                    }
                    ConnectionWatch watch = guard.watch();
                    if (tls != null) {
                        // first, so that the guard and the detector see plain bytes
                        channel.pipeline().addLast("tls", new TlsGate(tls, spoken, tlsFailures));
                    }
                    channel.pipeline()
                        .addLast("guard", watch)
                        .addLast("detect", new ProtocolDetector(spoken, (protocol, pipeline) -> {
                            String requests = protocol.install(pipeline);
                            if (requests != null) {
                                pipeline.addAfter(requests, "guard-requests",
                                        watch.tap(protocol instanceof BinaryProtocol));
                            }
                        }));
                }
            });
        InetSocketAddress address = (this.options.address() != null)
                ? new InetSocketAddress(this.options.address(), this.options.port())
                : new InetSocketAddress(this.options.port());
        try {
            this.serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
        }
        catch (Exception ex) {
            shutdownEventLoops();
            throw new IllegalStateException("Could not bind the rpc server to " + address + ": " + ex.getMessage(), ex);
        }
        logger.info("rpcboot server listening on {} ({}{})", this.serverChannel.localAddress(), NettyTransport.name(),
                (tls != null) ? ", TLS" : "");
    }

    /**
     * Returns the address the server listens on.
     * @return the bound address
     * @throws IllegalStateException when the server is not started
     */
    public InetSocketAddress localAddress() {
        Channel channel = this.serverChannel;
        if (channel == null) {
            throw new IllegalStateException("The rpc server is not started");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Returns the exported services and their methods.
     * @return method descriptors by service name
     */
    public java.util.Map<String, java.util.List<io.rpcboot.internal.protocol.MethodDescriptor>> services() {
        return this.registry.describe();
    }

    /**
     * Returns whether the server accepts connections.
     * @return whether it is started and not stopping
     */
    public boolean isRunning() {
        Channel channel = this.serverChannel;
        return channel != null && channel.isActive() && !this.draining;
    }

    /**
     * Stops the server: it stops accepting, tells clients to go away, lets the calls it
     * accepted finish within the grace period, then closes every connection.
     * @param gracePeriod how long to wait for calls in flight
     */
    public synchronized void stop(Duration gracePeriod) {
        Channel channel = this.serverChannel;
        if (channel == null) {
            return;
        }
        this.draining = true;
        channel.close().syncUninterruptibly();
        ChannelGroup group = this.connections;
        if (group != null) {
            group.forEach((connection) -> {
                ServerConnection handler = connection.pipeline().get(ServerConnection.class);
                if (handler != null) {
                    connection.eventLoop().execute(handler::goAway);
                }
            });
        }
        awaitCallsInFlight(gracePeriod);
        if (group != null) {
            endStreams(group, gracePeriod);
            group.close().awaitUninterruptibly(gracePeriod.toMillis() + 1000);
        }
        shutdownEventLoops();
        if (this.ownedExecutor != null) {
            this.ownedExecutor.shutdownNow();
        }
        this.serverChannel = null;
        logger.info("rpcboot server stopped");
    }

    /**
     * Answers the stream calls still open after the grace period UNAVAILABLE, and waits
     * (briefly) for those answers to be written before the connections close.
     */
    private void endStreams(ChannelGroup group, Duration gracePeriod) {
        if (this.inFlight.get() == 0) {
            return;
        }
        String message = "the server is shutting down: the stream was still open after the shutdown grace period of "
                + gracePeriod.toMillis() + " ms";
        List<io.netty.util.concurrent.Future<?>> ended = new ArrayList<>();
        group.forEach((connection) -> {
            ServerConnection handler = connection.pipeline().get(ServerConnection.class);
            if (handler != null) {
                ended.add(connection.eventLoop().submit(() -> handler.endStreams(message)));
            }
        });
        ended.forEach((future) -> future.awaitUninterruptibly(1000));
        // the answers are queued on each connection's writes: a last flush before the
        // close
        group.forEach((connection) -> connection.eventLoop()
            .submit(() -> connection.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER))
            .awaitUninterruptibly(1000));
    }

    private void awaitCallsInFlight(Duration gracePeriod) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int abandoned = this.inFlight.get();
        if (abandoned > 0) {
            logger.warn("rpcboot server stopping with {} calls still running after the grace period of {}", abandoned,
                    gracePeriod);
        }
    }

    private void shutdownEventLoops() {
        if (this.bossGroup != null) {
            this.bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (this.workerGroup != null) {
            this.workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    ServiceRegistry registry() {
        return this.registry;
    }

    RpcInterceptorChain interceptors() {
        return this.interceptors;
    }

    PayloadCodec codec() {
        return this.codec;
    }

    boolean includesErrorMessages() {
        return this.options.includeErrorMessage();
    }

    java.util.concurrent.Executor executor() {
        return this.executor;
    }

    int maxMessageSize() {
        return this.options.maxMessageSize();
    }

    boolean isDraining() {
        return this.draining;
    }

    int streamWindow() {
        return this.options.streamWindow();
    }

    int maxConcurrentCallsPerConnection() {
        return this.options.maxConcurrentCallsPerConnection();
    }

    /**
     * Counts a call in flight unless the server is draining. The count comes first, so
     * that {@link #stop(Duration)}, which sets {@code draining} before it waits for the
     * count to reach zero, either waits for this call or makes this method refuse it.
     * @return whether the call may run
     */
    boolean tryCallStarted() {
        this.inFlight.incrementAndGet();
        if (this.draining) {
            this.inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void callFinished() {
        this.inFlight.decrementAndGet();
    }

}
