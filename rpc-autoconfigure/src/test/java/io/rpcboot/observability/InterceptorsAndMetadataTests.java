package io.rpcboot.observability;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Metadata travels both ways and interceptor beans, ordered with {@code @Order}, read and
 * add it, reject calls with a status, and fail without leaking their internals.
 */
class InterceptorsAndMetadataTests {

    static final List<String> serverOrder = new CopyOnWriteArrayList<>();

    static final AtomicInteger served = new AtomicInteger();

    static final AtomicReference<Map<String, String>> responseMetadataSeenByClient = new AtomicReference<>();

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("tenants", AutoConfiguredApplication.class, ClientApp.class);

    private final Tenants tenants = pair.clientBean(Tenants.class);

    @BeforeEach
    void reset() {
        serverOrder.clear();
        served.set(0);
        responseMetadataSeenByClient.set(null);
    }

    @Test
    void metadataAttachedByTheCallerReachesTheServiceAndResponseMetadataComesBack() {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of("tenant", "acme", "as-user", "ada"))) {
            assertThat(tenants.currentTenant()).isEqualTo("acme for ada");
        }
        assertThat(responseMetadataSeenByClient.get()).containsEntry("served-by", "tenants-server");
    }

    @Test
    void metadataScopesNestAndEnd() {
        try (RpcContext.Scope user = RpcMetadata.attach("as-user", "ada")) {
            try (RpcContext.Scope tenant = RpcMetadata.attach("tenant", "acme")) {
                assertThat(tenants.currentTenant()).isEqualTo("acme for ada");
            }
            assertThat(tenants.currentTenant()).isEqualTo("none for ada");
        }
        assertThat(RpcMetadata.outgoing()).isEmpty();
    }

    @Test
    void serverInterceptorRejectsACallWithAStatusBeforeTheServiceRuns() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> tenants.currentTenant())
            .returns(RpcStatus.UNAUTHENTICATED, RpcException::getStatus)
            .withMessageContaining("no authorization");
        assertThat(served).hasValue(0);
    }

    @Test
    void interceptorsRunInTheirOrder() {
        try (RpcContext.Scope scope = RpcMetadata.attach("as-user", "ada")) {
            tenants.currentTenant();
        }
        assertThat(serverOrder).containsExactly("first", "second");
    }

    @Test
    void failingServerInterceptorIsInternalAndDoesNotLeakItsMessage() {
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of("as-user", "ada", "explode", "yes"))) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> tenants.currentTenant())
                .returns(RpcStatus.INTERNAL, RpcException::getStatus)
                .withMessageNotContaining("hunter2")
                .withMessageContaining("server interceptor");
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void invalidOrOversizedMetadataIsRefusedBeforeSending() {
        assertThatIllegalArgumentException().isThrownBy(() -> RpcMetadata.attach("Tenant", "acme"))
            .withMessageContaining("lower-case");
        assertThatIllegalArgumentException().isThrownBy(() -> RpcMetadata.attach("big", "x".repeat(9000)))
            .withMessageContaining("over the limit of 8192 bytes");
        try (RpcContext.Scope scope = RpcMetadata.attach(Map.of("as-user", "ada", "inflate", "yes"))) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> tenants.currentTenant())
                .returns(RpcStatus.INVALID_ARGUMENT, RpcException::getStatus)
                .withMessageContaining("over the limit of 8192 bytes");
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void serverRefusesOversizedMetadataFromAnyPeer() throws IOException {
        try (RawConnection connection = RawConnection.connectAndHandshake(pair.port())) {
            connection.writeFrame(2, 1, requestWithMetadata("authorization", "y".repeat(9000)));
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
            assertThat(response.payload()).contains("over the limit of 8192 bytes");
        }
        assertThat(served).hasValue(0);
    }

    private static byte[] requestWithMetadata(String key, String value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, Tenants.class.getName());
        writeString(out, "currentTenant()");
        out.writeInt(0);
        out.writeShort(1);
        writeString(out, key);
        writeString(out, value);
        out.write("[]".getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    @RpcClient(name = "tenants")
    public interface Tenants {

        String currentTenant();

    }

    @RpcService
    static class TenantsService implements Tenants {

        @Override
        public String currentTenant() {
            served.incrementAndGet();
            Map<String, String> metadata = RpcContext.current().requestMetadata();
            return metadata.getOrDefault("tenant", "none") + " for " + metadata.get("authorization");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        TenantsService tenantsService() {
            return new TenantsService();
        }

        @Bean
        @Order(2)
        RpcServerInterceptor second() {
            return (call, next) -> {
                serverOrder.add("second");
                if (call.requestMetadata().containsKey("explode")) {
                    throw new IllegalStateException("cannot reach db with password=hunter2");
                }
                return next.proceed();
            };
        }

        @Bean
        @Order(1)
        RpcServerInterceptor first() {
            return (call, next) -> {
                serverOrder.add("first");
                if (!call.requestMetadata().containsKey("authorization")) {
                    throw new RpcException(RpcStatus.UNAUTHENTICATED, "no authorization metadata");
                }
                call.responseMetadata().put("served-by", "tenants-server");
                return next.proceed();
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Tenants.class)
    static class ClientApp {

        @Bean
        RpcClientInterceptor credentials() {
            return (call, next) -> {
                String user = call.requestMetadata().remove("as-user");
                if (user != null) {
                    call.requestMetadata().put("authorization", user);
                }
                if (call.requestMetadata().remove("inflate") != null) {
                    call.requestMetadata().put("padding", "z".repeat(8200));
                }
                Object result = next.proceed();
                responseMetadataSeenByClient.set(Map.copyOf(call.responseMetadata()));
                return result;
            };
        }

    }

}
