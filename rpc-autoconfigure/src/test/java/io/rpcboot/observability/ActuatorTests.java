package io.rpcboot.observability;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.actuate.RpcEndpoint;
import io.rpcboot.autoconfigure.actuate.RpcHealthIndicator;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code rpc} Actuator endpoint describes the exported services and the clients with
 * their endpoints' state; the {@code rpc} health contributor is UP while the server
 * listens, DOWN when it does not, and DEGRADED (not DOWN) while a service it calls has no
 * live endpoint.
 */
class ActuatorTests {

    static final String EXPOSE_RPC = "management.endpoints.web.exposure.include=health,rpc";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .serverProperties(EXPOSE_RPC)
        .client("clock", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.services.nowhere.urls=rpc://127.0.0.1:1", EXPOSE_RPC);

    @Test
    void endpointDescribesExportedServicesWithTheirSignatures() {
        JsonNode json = json(pair.serverBean(RpcEndpoint.class).rpc());
        JsonNode described = json.path("server");
        assertThat(described.path("running").asBoolean()).isTrue();
        assertThat(described.path("port").asInt()).isEqualTo(pair.port());
        assertThat(described.path("address").asString()).isEqualTo("127.0.0.1");
        JsonNode method = described.path("services").path(Clock.class.getName()).get(0);
        assertThat(method.path("name").asString()).isEqualTo("now");
        assertThat(method.path("key").asString()).isEqualTo("now(java.lang.String)");
        assertThat(method.path("signature").asString()).isEqualTo("java.time.Instant now(java.lang.String)");
    }

    @Test
    void endpointDescribesMethodsOfAGenericSuperInterfaceWithTheTypesTheServiceBinds() {
        JsonNode methods = json(pair.serverBean(RpcEndpoint.class).rpc()).path("server")
            .path("services")
            .path(Users.class.getName());
        List<String> signatures = new java.util.ArrayList<>();
        methods.forEach((method) -> signatures.add(method.path("signature").asString()));
        assertThat(signatures).containsExactlyInAnyOrder(User.class.getName() + " find(java.lang.Long)",
                "java.util.List<" + User.class.getName() + "> all()");
    }

    @Test
    void endpointDescribesClientsWithTheirEndpointsState() {
        pair.clientBean(Clock.class).now("UTC");
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> pair.clientBean(Nowhere.class).ping());
        JsonNode clients = json(pair.clientBean(RpcEndpoint.class).rpc()).path("clients");
        JsonNode clock = clients.path("clock");
        assertThat(clock.path("interfaces").get(0).asString()).isEqualTo(Clock.class.getName());
        assertThat(clock.path("endpoints").get(0).path("url").asString()).isEqualTo("rpc://127.0.0.1:" + pair.port());
        assertThat(clock.path("endpoints").get(0).path("state").asString()).isEqualTo("CONNECTED");
        assertThat(clock.path("endpoints").get(0).path("payloadFormat").asString()).isEqualTo("Smile");
        JsonNode nowhere = clients.path("nowhere").path("endpoints").get(0);
        assertThat(nowhere.path("state").asString()).isEqualTo("EJECTED");
        assertThat(nowhere.path("nextAttemptInMillis").asLong()).isBetween(1L, 30_000L);
        assertThat(nowhere.path("lastFailure").asString()).contains("rpc://127.0.0.1:1");
        assertThat(clients.path("nowhere").path("available").asBoolean()).isFalse();
        assertThat(clock.path("available").asBoolean()).isTrue();
        assertThat(nowhere.has("payloadFormat")).isFalse();
    }

    @Test
    void healthIsDegradedNotDownWhileACalledServiceHasNoLiveEndpoint() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> pair.clientBean(Nowhere.class).ping());
        Health serverHealth = pair.serverBean(RpcHealthIndicator.class).health(true);
        assertThat(serverHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(serverHealth.getDetails().get("server").toString()).contains("listening on port");
        Health clientHealth = pair.clientBean(RpcHealthIndicator.class).health(true);
        assertThat(clientHealth.getStatus()).isEqualTo(RpcHealthIndicator.DEGRADED);
        assertThat(clientHealth.getDetails()).containsEntry("unavailable", List.of("nowhere"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> clients = (Map<String, Map<String, Object>>) clientHealth.getDetails()
            .get("clients");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) clients.get("nowhere").get("endpoints");
        assertThat(endpoints.get(0)).containsEntry("state", "EJECTED");
    }

    @Test
    void healthIsDownWhenTheServerDoesNotListen() {
        ConfigurableApplicationContext stopped = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, ServerApp.class });
        try {
            stopped.getBean("rpcServerLifecycle", SmartLifecycle.class).stop();
            assertThat(stopped.getBean(RpcHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.DOWN);
        }
        finally {
            stopped.close();
        }
    }

    private static JsonNode json(Object value) {
        JsonMapper mapper = new JsonMapper();
        return mapper.readTree(mapper.writeValueAsString(value));
    }

    @RpcClient(name = "clock")
    public interface Clock {

        java.time.Instant now(String zone);

    }

    @RpcClient(name = "nowhere")
    public interface Nowhere {

        void ping();

    }

    @RpcService
    static class ClockService implements Clock {

        @Override
        public java.time.Instant now(String zone) {
            return java.time.Instant.now();
        }

    }

    /**
     * A generic repository contract.
     *
     * @param <T> the entity type
     * @param <ID> the identifier type
     */
    public interface Repository<T, ID> {

        T find(ID id);

        List<T> all();

    }

    /** A service interface that binds the repository's types. */
    public interface Users extends Repository<User, Long> {

    }

    /**
     * A user.
     *
     * @param id its identifier
     * @param name its name
     */
    public record User(long id, String name) {
    }

    @RpcService(interfaces = Users.class)
    static class UsersService implements Users {

        @Override
        public User find(Long id) {
            return new User(id, "user " + id);
        }

        @Override
        public List<User> all() {
            return List.of();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        ClockService clockService() {
            return new ClockService();
        }

        @Bean
        UsersService usersService() {
            return new UsersService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Clock.class, Nowhere.class })
    static class ClientApp {

    }

}
