package io.rpcboot.internal.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.local.LocalAddress;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.FrameDecoder;
import io.rpcboot.internal.protocol.FrameType;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.PayloadFormat;

/**
 * One endpoint of a service and its connection, opened on first use and opened again
 * after it closed, so that a client recovers by itself when a server comes back.
 *
 * <p>
 * An endpoint whose connection attempt fails, or whose connection drops without the
 * server's go-away, is ejected: it is not {@link #isAvailable() available} and takes no
 * connection attempt until its backoff elapses (exponential in the failures in a row,
 * with jitter); the first call after that tries it again. Each such failure also tells
 * the service to look its endpoints up again, since an address that fails may have left.
 */
final class Endpoint {

    private static final Logger logger = LoggerFactory.getLogger(Endpoint.class);

    private final EndpointAddress address;

    /**
     * The endpoint's identity in its service's endpoint group: the resolved address, or
     * for an in-process endpoint an unresolved address named after it.
     */
    private final InetSocketAddress socketAddress;

    /** Where connections go: {@link #socketAddress}, or the in-process server's name. */
    private final SocketAddress remoteAddress;

    private final @Nullable String name;

    /** The bootstrap of connections, whose event loops are created on first use. */
    private final Supplier<Bootstrap> bootstrap;

    private final ClientOptions options;

    private final PayloadCodec codec;

    private final Timer timer;

    private final EndpointBackoff backoff;

    private final Runnable onFailure;

    private final @Nullable ContractCheck contractCheck;

    private volatile @Nullable ClientConnection current;

    private @Nullable CompletableFuture<ClientConnection> connecting;

    private volatile @Nullable String lastFailure;

    /** Failures in a row; guarded by this. */
    private int failures;

    private volatile boolean ejected;

    private volatile long retryAtNanos;

    private volatile boolean retired;

    /**
     * Creates an endpoint reached over TCP.
     * @param socketAddress the resolved address to connect to
     * @param name the host name it was resolved from, {@code null} when it was configured
     * as an address
     * @param onFailure told when a connection attempt fails or a connection closes
     * without being asked to
     * @param contractCheck the service's contract check, {@code null} when it is off
     */
    Endpoint(InetSocketAddress socketAddress, @Nullable String name, Supplier<Bootstrap> bootstrap,
            ClientOptions options, PayloadCodec codec, Timer timer, EndpointBackoff backoff, Runnable onFailure,
            @Nullable ContractCheck contractCheck) {
        this(socketAddress,
                socketAddress.isUnresolved()
                        ? new EndpointAddress(socketAddress.getHostString(), socketAddress.getPort())
                        : EndpointAddress.of(socketAddress),
                socketAddress, name, bootstrap, options, codec, timer, backoff, onFailure, contractCheck);
    }

    private Endpoint(InetSocketAddress socketAddress, EndpointAddress address, SocketAddress remoteAddress,
            @Nullable String name, Supplier<Bootstrap> bootstrap, ClientOptions options, PayloadCodec codec,
            Timer timer, EndpointBackoff backoff, Runnable onFailure, @Nullable ContractCheck contractCheck) {
        this.socketAddress = socketAddress;
        this.contractCheck = contractCheck;
        this.address = address;
        if (contractCheck != null) {
            contractCheck.track(address);
        }
        this.remoteAddress = remoteAddress;
        this.name = name;
        this.timer = timer;
        this.codec = codec;
        this.bootstrap = bootstrap;
        this.options = options;
        this.backoff = backoff;
        this.onFailure = onFailure;
    }

    /**
     * Creates the endpoint of a server in the same JVM, reached over an in-process
     * channel.
     * @param key the endpoint's identity among the service's endpoints, from
     * {@link InProcessEndpointSource}
     * @param bootstrap a bootstrap of in-process channels
     * @param options the client's options, without TLS
     * @param onFailure told when a connection attempt fails or a connection closes
     * without being asked to
     * @param contractCheck the service's contract check, {@code null} when it is off
     * @return the endpoint
     */
    static Endpoint inProcess(InetSocketAddress key, Supplier<Bootstrap> bootstrap, ClientOptions options,
            PayloadCodec codec, Timer timer, EndpointBackoff backoff, Runnable onFailure,
            @Nullable ContractCheck contractCheck) {
        String name = InProcessEndpointSource.nameOf(key);
        return new Endpoint(key, EndpointAddress.inProcess(name), new LocalAddress(name), null, bootstrap, options,
                codec, timer, backoff, onFailure, contractCheck);
    }

    EndpointAddress address() {
        return this.address;
    }

    InetSocketAddress socketAddress() {
        return this.socketAddress;
    }

    /**
     * Returns whether calls may go to this endpoint: it is not ejected, or its backoff
     * has elapsed and the next call tries it again.
     * @return whether it is available
     */
    boolean isAvailable() {
        return !this.retired && (!this.ejected || System.nanoTime() - this.retryAtNanos >= 0);
    }

    /**
     * Returns the connection to this endpoint, opening one when there is none usable. An
     * ejected endpoint fails at once, without a connection attempt, until its backoff
     * elapses.
     * @return a future completed with a connection that finished its handshake, or with
     * {@link RpcException} {@code UNAVAILABLE}
     */
    CompletableFuture<ClientConnection> connection() {
        ClientConnection connection = this.current;
        if (connection != null && connection.isUsable()) {
            return connection.ready();
        }
        synchronized (this) {
            connection = this.current;
            if (connection != null && connection.isUsable()) {
                return connection.ready();
            }
            CompletableFuture<ClientConnection> attempt = this.connecting;
            if (attempt == null || !isOpenOrOpening(attempt)) {
                if (this.retired) {
                    return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                            this.address + " is no longer an endpoint of the service"));
                }
                long waitNanos = this.retryAtNanos - System.nanoTime();
                if (this.ejected && waitNanos > 0) {
                    return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                            this.lastFailure + "; next attempt in " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + "ms"));
                }
                attempt = connect();
                this.connecting = attempt;
            }
            return attempt;
        }
    }

    /**
     * Returns whether an attempt is still opening its connection or opened one that is
     * usable. An attempt completes before {@link #current} is set, so a caller that comes
     * in between must reuse it rather than open a second connection.
     */
    private static boolean isOpenOrOpening(@Nullable CompletableFuture<ClientConnection> attempt) {
        if (attempt == null || attempt.isCompletedExceptionally()) {
            return false;
        }
        ClientConnection connection = attempt.getNow(null);
        return connection == null || connection.isUsable();
    }

    /**
     * Returns the calls in flight on the endpoint's connection, for the balancer.
     * @return the calls started and not completed, {@code 0} without a connection
     */
    int outstandingCalls() {
        ClientConnection connection = this.current;
        return (connection != null) ? connection.outstandingCalls() : 0;
    }

    boolean isConnected() {
        return isUsable(this.current);
    }

    EndpointState state() {
        ClientConnection connection = this.current;
        PayloadFormat format = (connection != null && connection.isUsable()) ? connection.payloadFormat() : null;
        boolean connected = format != null;
        long waitNanos = this.retryAtNanos - System.nanoTime();
        boolean ejected = !connected && this.ejected && waitNanos > 0;
        EndpointState.Status status = connected ? EndpointState.Status.CONNECTED
                : ejected ? EndpointState.Status.EJECTED : EndpointState.Status.IDLE;
        return new EndpointState(this.address, this.name, status, this.lastFailure, format,
                ejected ? Duration.ofNanos(waitNanos) : null);
    }

    private static boolean isUsable(@Nullable ClientConnection connection) {
        return connection != null && connection.isUsable();
    }

    @Nullable String lastFailure() {
        return this.lastFailure;
    }

    /**
     * Closes the connection at once, failing the calls on it: the client is closing.
     */
    void close() {
        this.retired = true;
        ClientConnection connection = this.current;
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * Takes this endpoint out of service: it takes no new call, and its connection closes
     * once the calls in flight on it are answered, and the service's contract check
     * forgets its result.
     */
    void retire() {
        synchronized (this) {
            this.retired = true;
        }
        if (this.contractCheck != null) {
            this.contractCheck.forget(this.address);
        }
        ClientConnection connection = this.current;
        if (connection != null) {
            connection.drain("was closed: its endpoint left the service");
        }
    }

    /**
     * Returns the host a server's certificate must name: the host name the endpoint was
     * resolved from (SNI and host name verification use it), else its address.
     */
    private String peerHost() {
        return (this.name != null) ? this.name : this.address.host();
    }

    // nothing waits for the handshake timeout or its close
    @SuppressWarnings("FutureReturnValueIgnored")
    private CompletableFuture<ClientConnection> connect() {
        Bootstrap bootstrap;
        try {
            bootstrap = this.bootstrap.get();
        }
        catch (IllegalStateException ex) {
            return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
                    "Cannot connect to " + this.address + ": " + ex.getMessage()));
        }
        ClientConnection connection = new ClientConnection(this.address, this.options, this.codec, this.timer);
        if (this.contractCheck != null) {
            this.contractCheck.describeInterfaces();
            connection.checkContract(this.contractCheck);
        }
        Bootstrap attempt = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                ClientTls tls = Endpoint.this.options.tls();
                if (tls != null) {
                    // the TLS handshake runs first, within the connect timeout below
                    channel.pipeline()
                        .addLast("tls",
                                tls.newHandler(channel.alloc(), peerHost(), Endpoint.this.address.port(),
                                        Endpoint.this.options.connectTimeout()))
                        .addLast("tls-handshake", new ClientTlsHandshake(Endpoint.this.address, connection.ready()));
                }
                channel.pipeline()
                    .addLast("idle",
                            new IdleStateHandler(Endpoint.this.options.keepAliveInterval().toNanos(), 0, 0,
                                    TimeUnit.NANOSECONDS))
                    .addLast("frames", new FrameDecoder(Endpoint.this.options.maxMessageSize(), FrameType.DESCRIPTION))
                    .addLast("calls", connection);
            }
        });
        CompletableFuture<ClientConnection> ready = connection.ready();
        ChannelFuture connected = attempt.connect(this.remoteAddress);
        connected.addListener((future) -> {
            if (!future.isSuccess()) {
                ready.completeExceptionally(unreachable(messageOf(future.cause())));
                return;
            }
            connected.channel().eventLoop().schedule(() -> {
                if (ready.completeExceptionally(unreachable("no handshake within " + this.options.connectTimeout()))) {
                    connected.channel().close();
                }
            }, this.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        });
        // callers see the attempt's outcome only once the endpoint has recorded it
        return ready.whenComplete((established, failure) -> {
            if (failure == null) {
                onConnected(established);
                connected.channel().closeFuture().addListener((closed) -> onClosed(established));
            }
            else {
                onFailure(messageOf(failure));
            }
        });
    }

    private void onConnected(ClientConnection established) {
        synchronized (this) {
            this.current = established;
            this.failures = 0;
            this.ejected = false;
        }
        if (this.lastFailure != null) {
            logger.info("Connected to {} again", this.address);
        }
        this.lastFailure = null;
        if (this.retired) {
            established.drain("was closed: its endpoint left the service");
        }
    }

    /**
     * A connection that closed after its handshake: expected when the client closed or
     * drained it, or after the server's go-away; otherwise the endpoint dropped it.
     */
    private void onClosed(ClientConnection closed) {
        if (this.retired || closed.closedAsAgreed()) {
            if (!this.retired) {
                this.onFailure.run(); // the server went away: it may have left the
                                      // service
            }
            return;
        }
        onFailure(this.address + " is unreachable: it dropped the connection");
    }

    private void onFailure(String message) {
        long delayNanos;
        synchronized (this) {
            this.failures++;
            delayNanos = this.backoff.delayNanos(this.failures);
            this.retryAtNanos = System.nanoTime() + delayNanos;
            this.ejected = true;
        }
        logFailure(message, delayNanos);
        this.lastFailure = message;
        this.onFailure.run();
    }

    /**
     * Logs the first failure of a run at WARN, and the attempts that fail after it only
     * at DEBUG.
     */
    private void logFailure(String message, long delayNanos) {
        if (this.lastFailure == null) {
            logger.warn("{}; no call goes to it before the next attempt in {}ms", message,
                    TimeUnit.NANOSECONDS.toMillis(delayNanos));
        }
        else {
            logger.debug("{}; next attempt in {}ms", message, TimeUnit.NANOSECONDS.toMillis(delayNanos));
        }
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return (message != null) ? message : failure.toString();
    }

    private RpcException unreachable(String reason) {
        return new RpcException(RpcStatus.UNAVAILABLE, this.address + " is unreachable: " + reason);
    }

}
