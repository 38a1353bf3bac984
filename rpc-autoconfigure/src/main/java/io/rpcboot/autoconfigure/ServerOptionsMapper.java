package io.rpcboot.autoconfigure;

import java.net.InetAddress;
import java.util.Locale;
import java.util.function.Supplier;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import io.rpcboot.internal.server.ServerOptions;

/**
 * Maps the {@code rpc.server.*} properties to the server's options; a value the server
 * cannot use fails start-up with a message that names its property.
 */
final class ServerOptionsMapper {

    private static final String PORT = "rpc.server.port";

    private ServerOptionsMapper() {
    }

    /**
     * Returns the options the properties configure.
     * @param server the server's properties
     * @return the options
     * @throws IllegalStateException naming the property whose value is invalid
     */
    static ServerOptions map(RpcProperties.Server server) {
        return map(server, new RpcSslContexts(null));
    }

    /**
     * Returns the options the properties configure, TLS included.
     * @param server the server's properties
     * @param sslContexts the TLS contexts of the application's SSL bundles
     * @return the options
     * @throws IllegalStateException naming the property whose value is invalid
     */
    static ServerOptions map(RpcProperties.Server server, RpcSslContexts sslContexts) {
        ServerOptions.Builder options = ServerOptions.builder();
        options.tls(tls(server.getSsl(), sslContexts));
        // plain statements rather than a PropertyMapper: each of its method references
        // and lambdas would be a class of its own to spin at start-up
        InetAddress address = server.getAddress();
        if (address != null) {
            options.address(address);
        }
        options.port(port(server.getPort()));
        String inProcessName = server.getInProcess().getName();
        if (StringUtils.hasText(inProcessName)) {
            options.inProcessName(inProcessName);
        }
        options.maxMessageSize(maxMessageSize(server.getMaxMessageSize()));
        options.maxThreads(atLeastOne("rpc.server.max-threads", server.getMaxThreads()));
        options.maxQueuedCalls(atLeastOne("rpc.server.max-queued-calls", server.getMaxQueuedCalls()));
        options.maxConcurrentCallsPerConnection(atLeastOne("rpc.server.max-concurrent-calls-per-connection",
                server.getMaxConcurrentCallsPerConnection()));
        options.streamWindow(atLeastOne("rpc.server.stream-window", server.getStreamWindow()));
        options.includeErrorMessage(
                server.getError().getIncludeMessage() == RpcProperties.Server.Error.IncludeMessage.ALWAYS);
        options.maxConnections(atLeastOne("rpc.server.max-connections", server.getMaxConnections()));
        options.handshakeTimeout(notNegative("rpc.server.handshake-timeout", server.getHandshakeTimeout()));
        options.messageReadTimeout(notNegative("rpc.server.message-read-timeout", server.getMessageReadTimeout()));
        options.idleTimeout(notNegative("rpc.server.idle-timeout", server.getIdleTimeout()));
        Duration maxConnectionAge = server.getMaxConnectionAge();
        if (maxConnectionAge != null) {
            options.maxConnectionAge(notNegative("rpc.server.max-connection-age", maxConnectionAge));
        }
        options.maxConnectionAgeGrace(
                notNegative("rpc.server.max-connection-age-grace", server.getMaxConnectionAgeGrace()));
        return options.build();
    }

    private static @Nullable Supplier<SslContext> tls(RpcProperties.Server.Ssl ssl, RpcSslContexts sslContexts) {
        String bundle = ssl.getBundle();
        if (!StringUtils.hasText(bundle)) {
            if (ssl.getClientAuth() != RpcProperties.Server.Ssl.ClientAuth.NONE) {
                throw new IllegalStateException(
                        "rpc.server.ssl.client-auth=" + ssl.getClientAuth().name().toLowerCase(Locale.ROOT)
                                + " needs TLS: set rpc.server.ssl.bundle to the SSL bundle the server presents");
            }
            return null;
        }
        ClientAuth clientAuth = switch (ssl.getClientAuth()) {
            case NONE -> ClientAuth.NONE;
            case WANT -> ClientAuth.OPTIONAL;
            case NEED -> ClientAuth.REQUIRE;
        };
        return sslContexts.server(bundle, clientAuth);
    }

    private static int port(int port) {
        if (port < ServerOptions.NO_PORT || port > 0xFFFF) {
            throw new IllegalStateException(
                    PORT + " must be between -1 (no TCP port) and 65535 (0 picks a free port), not " + port);
        }
        return port;
    }

    private static int maxMessageSize(DataSize size) {
        if (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException(
                    "rpc.server.max-message-size must be between 1B and " + Integer.MAX_VALUE + "B, not " + size);
        }
        return (int) size.toBytes();
    }

    private static int atLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalStateException(property + " must be at least 1, not " + value);
        }
        return value;
    }

    private static Duration notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new IllegalStateException(property + " must not be negative, not " + value);
        }
        return value;
    }

}
