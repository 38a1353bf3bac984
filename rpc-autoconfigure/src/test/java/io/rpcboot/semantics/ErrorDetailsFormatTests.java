package io.rpcboot.semantics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The error details of a failed call are part of the protocol, not a payload: the
 * application's Jackson customizations (here an upper camel case naming strategy on the
 * server only) change the payloads of its own types, never the names of the fields the
 * other side reads.
 */
class ErrorDetailsFormatTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .serverProperties("spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE",
                "rpc.server.error.include-message=always")
        .client("vault", AutoConfiguredApplication.class, ClientApp.class);

    @Test
    void declaredExceptionArrivesWhateverTheServersNamingStrategy() {
        Vault vault = pair.clientBean(Vault.class);
        assertThatExceptionOfType(LockedException.class).isThrownBy(() -> vault.open("1234"))
            .withMessage("the vault is locked until Monday");
    }

    @Test
    void undeclaredExceptionKeepsItsMessageWhateverTheServersNamingStrategy() {
        Vault vault = pair.clientBean(Vault.class);
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> vault.open("crash"))
            .returns(RpcStatus.APPLICATION_ERROR, RpcException::getStatus)
            .withMessageContaining("alarm went off");
    }

    @Test
    void errorDetailsUseTheDocumentedFieldNames() {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeRequest(1, Vault.class.getName(), "open(java.lang.String)", 0, "[\"1234\"]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.APPLICATION_ERROR);
            assertThat(response.payload()).contains("\"message\"", "\"exception\"");
        }
    }

    public static class LockedException extends Exception {

        public LockedException(String message) {
            super(message);
        }

    }

    @RpcClient(name = "vault")
    public interface Vault {

        String open(String code) throws LockedException;

    }

    @RpcService
    static class VaultImpl implements Vault {

        @Override
        public String open(String code) throws LockedException {
            if ("crash".equals(code)) {
                throw new IllegalStateException("alarm went off");
            }
            throw new LockedException("the vault is locked until Monday");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        VaultImpl vault() {
            return new VaultImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Vault.class)
    static class ClientApp {

    }

}
