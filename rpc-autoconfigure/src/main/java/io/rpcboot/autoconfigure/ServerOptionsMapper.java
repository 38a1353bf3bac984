package io.rpcboot.autoconfigure;

import java.util.Locale;
import java.util.function.Supplier;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

import java.time.Duration;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.PropertyMapper.Source.Adapter;
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
        PropertyMapper map = PropertyMapper.get();
        map.from(server::getAddress).to(options::address);
        map.from(server::getPort).as(ServerOptionsMapper::port).to(options::port);
        map.from(server.getInProcess()::getName).when(StringUtils::hasText).to(options::inProcessName);
        map.from(server::getMaxMessageSize).as(ServerOptionsMapper::maxMessageSize).to(options::maxMessageSize);
        map.from(server::getMaxThreads).as(atLeastOne("rpc.server.max-threads")).to(options::maxThreads);
        map.from(server::getMaxQueuedCalls).as(atLeastOne("rpc.server.max-queued-calls")).to(options::maxQueuedCalls);
        map.from(server::getMaxConcurrentCallsPerConnection)
            .as(atLeastOne("rpc.server.max-concurrent-calls-per-connection"))
            .to(options::maxConcurrentCallsPerConnection);
        map.from(server::getStreamWindow).as(atLeastOne("rpc.server.stream-window")).to(options::streamWindow);
        map.from(server.getError()::getIncludeMessage)
            .as((include) -> include == RpcProperties.Server.Error.IncludeMessage.ALWAYS)
            .to(options::includeErrorMessage);
        map.from(server::getMaxConnections).as(atLeastOne("rpc.server.max-connections")).to(options::maxConnections);
        map.from(server::getHandshakeTimeout)
            .as(notNegative("rpc.server.handshake-timeout"))
            .to(options::handshakeTimeout);
        map.from(server::getMessageReadTimeout)
            .as(notNegative("rpc.server.message-read-timeout"))
            .to(options::messageReadTimeout);
        map.from(server::getIdleTimeout).as(notNegative("rpc.server.idle-timeout")).to(options::idleTimeout);
        map.from(server::getMaxConnectionAge)
            .as(notNegative("rpc.server.max-connection-age"))
            .to(options::maxConnectionAge);
        map.from(server::getMaxConnectionAgeGrace)
            .as(notNegative("rpc.server.max-connection-age-grace"))
            .to(options::maxConnectionAgeGrace);
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

    private static Adapter<Integer, Integer> atLeastOne(String property) {
        return (value) -> {
            if (value < 1) {
                throw new IllegalStateException(property + " must be at least 1, not " + value);
            }
            return value;
        };
    }

    private static Adapter<Duration, Duration> notNegative(String property) {
        return (value) -> {
            if (value.isNegative()) {
                throw new IllegalStateException(property + " must not be negative, not " + value);
            }
            return value;
        };
    }

}
