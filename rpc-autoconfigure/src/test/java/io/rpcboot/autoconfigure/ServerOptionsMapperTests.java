package io.rpcboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.rpcboot.internal.server.ServerOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code rpc.server.*} properties as the server's options, and the start-up failure
 * that names a property whose value the server cannot use.
 */
class ServerOptionsMapperTests {

    @Test
    void everyPropertyReachesTheServersOptions() throws Exception {
        RpcProperties.Server server = new RpcProperties.Server();
        server.setAddress(InetAddress.getLoopbackAddress());
        server.setPort(9123);
        server.getInProcess().setName("orders");
        server.setMaxMessageSize(DataSize.ofKilobytes(64));
        server.setMaxThreads(7);
        server.setHandshakeTimeout(Duration.ofSeconds(3));
        server.setMaxConnectionAge(Duration.ofMinutes(5));
        server.setStreamWindow(16);
        server.getError().setIncludeMessage(RpcProperties.Server.Error.IncludeMessage.ALWAYS);
        ServerOptions options = ServerOptionsMapper.map(server);
        assertThat(options.address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(options.port()).isEqualTo(9123);
        assertThat(options.inProcessName()).isEqualTo("orders");
        assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
        assertThat(options.maxThreads()).isEqualTo(7);
        assertThat(options.connectionLimits().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.connectionLimits().maxConnectionAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.streamWindow()).isEqualTo(16);
        assertThat(options.includeErrorMessage()).isTrue();
    }

    @Test
    void unsetOptionalPropertiesLeaveTheServersDefaults() {
        ServerOptions options = ServerOptionsMapper.map(new RpcProperties.Server());
        ServerOptions defaults = ServerOptions.builder().build();
        assertThat(options.address()).isNull();
        assertThat(options.inProcessName()).isNull();
        assertThat(options.connectionLimits().maxConnectionAge())
            .isEqualTo(defaults.connectionLimits().maxConnectionAge());
    }

    @Test
    void anInvalidValueFailsWithItsPropertysName() {
        RpcProperties.Server threads = new RpcProperties.Server();
        threads.setMaxThreads(0);
        assertThatIllegalStateException().isThrownBy(() -> ServerOptionsMapper.map(threads))
            .withMessage("rpc.server.max-threads must be at least 1, not 0");
        RpcProperties.Server handshake = new RpcProperties.Server();
        handshake.setHandshakeTimeout(Duration.ofSeconds(-1));
        assertThatIllegalStateException().isThrownBy(() -> ServerOptionsMapper.map(handshake))
            .withMessage("rpc.server.handshake-timeout must not be negative, not PT-1S");
        RpcProperties.Server age = new RpcProperties.Server();
        age.setMaxConnectionAge(Duration.ofSeconds(-2));
        assertThatIllegalStateException().isThrownBy(() -> ServerOptionsMapper.map(age))
            .withMessageStartingWith("rpc.server.max-connection-age must not be negative");
        RpcProperties.Server size = new RpcProperties.Server();
        size.setMaxMessageSize(DataSize.ofBytes(0));
        assertThatIllegalStateException().isThrownBy(() -> ServerOptionsMapper.map(size))
            .withMessageStartingWith("rpc.server.max-message-size must be between 1B and");
    }

}
