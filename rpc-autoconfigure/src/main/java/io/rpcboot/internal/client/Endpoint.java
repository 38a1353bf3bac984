package io.rpcboot.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.FrameDecoder;
import io.rpcboot.internal.protocol.PayloadCodec;

/**
 * One endpoint of a service and its connection, opened on first use and opened again
 * after it closed, so that a client recovers by itself when a server comes back.
 */
final class Endpoint {

    private static final Logger logger = LoggerFactory.getLogger(Endpoint.class);

    private final EndpointAddress address;

    private final Bootstrap bootstrap;

    private final ClientOptions options;

    private final PayloadCodec codec;

    private final Timer timer;

    private volatile @Nullable ClientConnection current;

    private @Nullable CompletableFuture<ClientConnection> connecting;

    private volatile @Nullable String lastFailure;

    Endpoint(EndpointAddress address, Bootstrap bootstrap, ClientOptions options, PayloadCodec codec, Timer timer) {
        this.timer = timer;
        this.codec = codec;
        this.address = address;
        this.bootstrap = bootstrap;
        this.options = options;
    }

    EndpointAddress address() {
        return this.address;
    }

    /**
     * Returns the connection to this endpoint, opening one when there is none usable.
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
            if (!isOpenOrOpening(this.connecting)) {
                this.connecting = connect();
            }
            return this.connecting;
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

    boolean isConnected() {
        return isUsable(this.current);
    }

    EndpointState state() {
        ClientConnection connection = this.current;
        boolean connected = isUsable(connection);
        return new EndpointState(this.address, connected, this.lastFailure,
                connected ? connection.payloadFormat() : null);
    }

    private static boolean isUsable(@Nullable ClientConnection connection) {
        return connection != null && connection.isUsable();
    }

    @Nullable String lastFailure() {
        return this.lastFailure;
    }

    void close() {
        ClientConnection connection = this.current;
        if (connection != null) {
            connection.close();
        }
    }

    private CompletableFuture<ClientConnection> connect() {
        ClientConnection connection = new ClientConnection(this.address, this.options, this.codec, this.timer);
        Bootstrap attempt = this.bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                ClientTls tls = Endpoint.this.options.tls();
                if (tls != null) {
                    // the TLS handshake runs first, within the connect timeout below
                    channel.pipeline()
                        .addLast("tls",
                                tls.newHandler(channel.alloc(), Endpoint.this.address,
                                        Endpoint.this.options.connectTimeout()))
                        .addLast("tls-handshake", new ClientTlsHandshake(Endpoint.this.address, connection.ready()));
                }
                channel.pipeline()
                    .addLast("idle",
                            new IdleStateHandler(Endpoint.this.options.keepAliveInterval().toNanos(), 0, 0,
                                    TimeUnit.NANOSECONDS))
                    .addLast("frames", new FrameDecoder(Endpoint.this.options.maxMessageSize()))
                    .addLast("calls", connection);
            }
        });
        CompletableFuture<ClientConnection> ready = connection.ready();
        ChannelFuture connected = attempt.connect(this.address.host(), this.address.port());
        connected.addListener((future) -> {
            if (!future.isSuccess()) {
                ready.completeExceptionally(unreachable(future.cause().getMessage()));
                return;
            }
            connected.channel().eventLoop().schedule(() -> {
                if (ready.completeExceptionally(unreachable("no handshake within " + this.options.connectTimeout()))) {
                    connected.channel().close();
                }
            }, this.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        });
        ready.whenComplete((established, failure) -> {
            if (failure == null) {
                this.current = established;
                if (this.lastFailure != null) {
                    logger.info("Connected to {} again", this.address);
                }
                this.lastFailure = null;
            }
            else {
                logFailure(failure.getMessage());
                this.lastFailure = failure.getMessage();
            }
        });
        return ready;
    }

    /**
     * Logs the first failure of a run at WARN, and the attempts that fail after it only
     * at DEBUG.
     */
    private void logFailure(String message) {
        if (this.lastFailure == null) {
            logger.warn("{}; calls to it fail with UNAVAILABLE until it answers again", message);
        }
        else {
            logger.debug("{}", message);
        }
    }

    private RpcException unreachable(String reason) {
        return new RpcException(RpcStatus.UNAVAILABLE, this.address + " is unreachable: " + reason);
    }

}
