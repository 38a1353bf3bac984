package io.rpcboot.internal.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
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
 * on a bounded executor. It listens on a TCP port, serves on an in-JVM channel, or both.
 * Created configured but not started; {@link #start()} binds, {@link #stop(Duration)}
 * drains.
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

    private @Nullable EventLoopGroup inProcessGroup;

    private @Nullable Channel inProcessChannel;

    private @Nullable ChannelGroup connections;

    private volatile boolean draining;

    private final RpcInterceptorChain interceptors;

    private final List<ConnectionProtocol> protocols;

    /** The protocols of in-process connections: the binary protocol alone. */
    private final List<ConnectionProtocol> binaryProtocol;

    private final @Nullable DescriptionAccess descriptionAccess;

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
        this(options, registry, codec, executor, interceptors, protocols, null);
    }

    /**
     * Creates a server whose calls run through interceptors and whose description of its
     * services only callers that the given check accepts may read.
     * @param options where to listen and what to accept
     * @param registry the exported services
     * @param codec the payload codec
     * @param executor the executor that runs calls, {@code null} for a bounded pool of
     * {@link ServerOptions#maxThreads()} threads owned by the server
     * @param interceptors the interceptors every call runs through
     * @param protocols the protocols the server speaks besides its binary protocol, each
     * created from the dispatcher of the server's calls (HTTP/JSON, for example)
     * @param descriptionAccess who may read the description of the services (DESCRIBE),
     * {@code null} for anyone
     */
    public RpcServer(ServerOptions options, ServiceRegistry registry, PayloadCodec codec,
            java.util.concurrent.@Nullable Executor executor, RpcInterceptorChain interceptors,
            List<Function<CallDispatcher, ConnectionProtocol>> protocols,
            @Nullable DescriptionAccess descriptionAccess) {
        this.descriptionAccess = descriptionAccess;
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
        this.binaryProtocol = List.of(spoken.get(0));
    }

    /**
     * Binds the server's port and its in-process name, whichever it has, and starts
     * reading connections.
     * @throws IllegalStateException when the address cannot be bound
     * @throws InProcessNameTakenException when another server in this JVM serves the
     * in-process name
     */
    public synchronized void start() {
        if (this.serverChannel != null || this.inProcessChannel != null) {
            return;
        }
        this.connections = new DefaultChannelGroup("rpc-server-connections", GlobalEventExecutor.INSTANCE);
        String inProcessName = this.options.inProcessName();
        if (inProcessName != null) {
            startInProcess(inProcessName);
        }
        if (this.options.listensOnTcp()) {
            startTcp();
        }
    }

    private void startTcp() {
        // the accepting thread is not a daemon: like an embedded web server, a listening
        // rpc server keeps the JVM alive until it is stopped
        this.bossGroup = NettyTransport.eventLoopGroup(1, new DefaultThreadFactory("rpc-server-accept", false));
        this.workerGroup = NettyTransport.eventLoopGroup(0, new DefaultThreadFactory("rpc-server-io", true));
        @Nullable Supplier<SslContext> tls = this.options.tls();
        ServerBootstrap bootstrap = new ServerBootstrap().group(this.bossGroup, this.workerGroup)
            .channel(NettyTransport.serverChannelType())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ConnectionInitializer(this.protocols, tls));
        InetSocketAddress address = (this.options.address() != null)
                ? new InetSocketAddress(this.options.address(), this.options.port())
                : new InetSocketAddress(this.options.port());
        try {
            this.serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
        }
        catch (Exception ex) {
            closeInProcess();
            shutdownEventLoops();
            throw new IllegalStateException("Could not bind the rpc server to " + address + ": " + ex.getMessage(), ex);
        }
        logger.info("rpcboot server listening on {} ({}{})", this.serverChannel.localAddress(), NettyTransport.name(),
                (tls != null) ? ", TLS" : "");
    }

    /**
     * Serves the binary protocol on an in-JVM channel: no socket, so no TLS, and no HTTP.
     */
    private void startInProcess(String name) {
        // not a daemon either: an application that only serves in-process runs until
        // it is stopped, as one with a port does
        this.inProcessGroup = NettyTransport.inProcessEventLoopGroup(0,
                new DefaultThreadFactory("rpc-server-in-process", false));
        ServerBootstrap bootstrap = new ServerBootstrap().group(this.inProcessGroup)
            .channel(LocalServerChannel.class)
            .childHandler(new ConnectionInitializer(this.binaryProtocol, null));
        try {
            this.inProcessChannel = bootstrap.bind(new LocalAddress(name)).syncUninterruptibly().channel();
        }
        catch (Exception ex) {
            shutdownEventLoops();
            throw new InProcessNameTakenException(name, ex);
        }
        logger.info("rpcboot server serving in-process as '{}'", name);
    }

    /**
     * Returns the address the server listens on.
     * @return the bound address
     * @throws IllegalStateException when the server is not started or has no TCP listener
     */
    public InetSocketAddress localAddress() {
        Channel channel = this.serverChannel;
        if (channel == null) {
            throw new IllegalStateException(this.options.listensOnTcp() ? "The rpc server is not started"
                    : "The rpc server has no TCP listener");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Returns whether the server listens on a TCP port, so that {@link #localAddress()}
     * has an answer once it is started.
     * @return whether it has a TCP listener
     */
    public boolean listensOnTcp() {
        return this.options.listensOnTcp();
    }

    /**
     * Returns the name of the in-JVM channel the server also serves on.
     * @return the name, {@code null} for none
     */
    public @Nullable String inProcessName() {
        return this.options.inProcessName();
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
        return !this.draining && (isActive(this.serverChannel) || isActive(this.inProcessChannel));
    }

    private static boolean isActive(@Nullable Channel channel) {
        return channel != null && channel.isActive();
    }

    /**
     * Stops the server: it stops accepting, tells clients to go away, lets the calls it
     * accepted finish within the grace period, then closes every connection.
     * @param gracePeriod how long to wait for calls in flight
     */
    public synchronized void stop(Duration gracePeriod) {
        Channel channel = this.serverChannel;
        if (channel == null && this.inProcessChannel == null) {
            return;
        }
        this.draining = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        closeInProcess();
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
        this.inProcessChannel = null;
        logger.info("rpcboot server stopped");
    }

    /**
     * Answers the stream calls still open after the grace period UNAVAILABLE, and waits
     * (briefly) for those answers to be written before the connections close.
     */
    // the last flush before the close is best effort: its task is awaited, the write is
    // not
    @SuppressWarnings("FutureReturnValueIgnored")
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
                return;
            }
            OpenStreams streams = connection.pipeline().get(OpenStreams.class);
            if (streams != null) {
                ended.add(connection.eventLoop().submit(() -> streams.endStreams(message)));
            }
        });
        ended.forEach((future) -> future.awaitUninterruptibly(1000));
        // the answers are queued on each connection's writes: a last flush before the
        // close
        group.forEach((connection) -> connection.eventLoop()
            .submit(() -> connection.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER))
            .awaitUninterruptibly(1000));
    }

    private void closeInProcess() {
        Channel channel = this.inProcessChannel;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
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

    // the boss group's end is not awaited: it accepts nothing once the server's channel
    // is closed
    @SuppressWarnings("FutureReturnValueIgnored")
    private void shutdownEventLoops() {
        if (this.bossGroup != null) {
            this.bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (this.workerGroup != null) {
            this.workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (this.inProcessGroup != null) {
            this.inProcessGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Sets up each accepted connection: TLS first when the server speaks it, then the
     * guard of the connection limits and the detector of the connection's protocol.
     */
    private final class ConnectionInitializer extends ChannelInitializer<Channel> {

        private final List<ConnectionProtocol> spoken;

        private final @Nullable Supplier<SslContext> tls;

        private final ConnectionGuard guard;

        private final TlsFailureLog tlsFailures = new TlsFailureLog();

        ConnectionInitializer(List<ConnectionProtocol> spoken, @Nullable Supplier<SslContext> tls) {
            this.spoken = spoken;
            this.tls = tls;
            this.guard = new ConnectionGuard(RpcServer.this.options.connectionLimits(), spoken);
        }

        @Override
        protected void initChannel(Channel channel) {
            ChannelGroup group = RpcServer.this.connections;
            if (group != null) {
                group.add(channel);
            }
            if (!this.guard.admit(channel)) {
                return;
            }
            ConnectionWatch watch = this.guard.watch();
            if (this.tls != null) {
                // first, so that the guard and the detector see plain bytes
                channel.pipeline().addLast("tls", new TlsGate(this.tls, this.spoken, this.tlsFailures));
            }
            channel.pipeline()
                .addLast("guard", watch)
                .addLast("detect", new ProtocolDetector(this.spoken, (protocol, pipeline) -> {
                    String requests = protocol.install(pipeline);
                    if (requests != null) {
                        pipeline.addAfter(requests, "guard-requests", watch.tap(protocol instanceof BinaryProtocol));
                    }
                }));
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

    @Nullable DescriptionAccess descriptionAccess() {
        return this.descriptionAccess;
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

    /**
     * Runs a task that is not a call (the authentication of a request for the service
     * description) on the server's executor, counted in flight as calls are, so that a
     * graceful stop waits for it.
     * @param task the task
     * @return whether the executor took it; {@code false} when the server is too busy or
     * draining
     */
    boolean executeCounted(Runnable task) {
        if (!tryCallStarted()) {
            return false;
        }
        try {
            executor().execute(() -> {
                try {
                    task.run();
                }
                finally {
                    callFinished();
                }
            });
            return true;
        }
        catch (RejectedExecutionException ex) {
            callFinished();
            return false;
        }
    }

}
