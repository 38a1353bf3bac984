package io.rpcboot.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.security.RpcSecurityCustomizer;
import io.rpcboot.autoconfigure.actuate.RpcEndpoint;
import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractJson;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security on, the description of the services (DESCRIBE over the binary
 * protocol) follows the rule of {@code GET /}: it needs an authenticated caller unless
 * {@code rules.description().permitAll()} opens it. A refused DESCRIBE is answered with a
 * refused DESCRIPTION carrying the status, the connection goes on, and the client's
 * contract check sends its service's credentials or reports that it could not check.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescribeSecurityTests {

    static final int DESCRIBE = 9;

    static final int DESCRIPTION = 10;

    static final int FLAG_REFUSED = 0x01;

    static ConfigurableApplicationContext vaultServer;

    @BeforeAll
    static void start() {
        vaultServer = RpcSecurityTests
            .securedServer(new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.VaultServer.class });
    }

    @AfterAll
    static void stop() {
        if (vaultServer != null) {
            vaultServer.close();
        }
    }

    @Test
    void describeWithoutCredentialsIsRefusedUnauthenticatedAndTheConnectionGoesOn() {
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(vaultServer))) {
            connection.writeFrame(DESCRIBE, 7, describeBody(Map.of(), Vault.class.getName(), Lobby.class.getName()));
            RawConnection.RawFrame answer = connection.readFrameOfType(DESCRIPTION);
            assertThat(answer.id()).isEqualTo(7);
            assertThat(answer.flags() & FLAG_REFUSED).isEqualTo(FLAG_REFUSED);
            assertThat(answer.body()[0] & 0xFF).isEqualTo(RpcStatus.UNAUTHENTICATED.code());
            assertThat(refusalMessage(answer)).contains("needs credentials");
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("whoAmI");
            // the connection still takes calls: the lobby is open to anonymous callers
            connection.writeRequest(1, Lobby.class.getName(), "whoAmI()", 0, "[]");
            RawConnection.Response response = connection.readResponse();
            assertThat(response.status()).isEqualTo(RpcStatus.OK);
            assertThat(response.payload()).isEqualTo("\"anonymousUser\"");
        }
    }

    @Test
    void describeWithCredentialsThatAreNotAcceptedIsRefusedUnauthenticated() {
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(vaultServer))) {
            connection.writeFrame(DESCRIBE, 3, describeBody(
                    Map.of("authorization", "Bearer " + Jwts.forgedToken("carol")), Vault.class.getName()));
            RawConnection.RawFrame answer = connection.readFrameOfType(DESCRIPTION);
            assertThat(answer.flags() & FLAG_REFUSED).isEqualTo(FLAG_REFUSED);
            assertThat(answer.body()[0] & 0xFF).isEqualTo(RpcStatus.UNAUTHENTICATED.code());
            assertThat(refusalMessage(answer)).isEqualTo("the credentials were not accepted");
        }
    }

    @Test
    void describeWithAValidBearerTokenGetsTheDescription() {
        try (RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(vaultServer))) {
            connection.writeFrame(DESCRIBE, 7, describeBody(
                    Map.of("authorization", "Bearer " + Jwts.token("carol", "read")), Vault.class.getName()));
            RawConnection.RawFrame answer = connection.readFrameOfType(DESCRIPTION);
            assertThat(answer.flags()).isZero();
            Contract contract = ContractJson.read(new String(answer.body(), StandardCharsets.UTF_8));
            assertThat(contract.services()).containsOnlyKeys(Vault.class.getName());
            assertThat(contract.services().get(Vault.class.getName()).methods()).containsKey("whoAmI()");
        }
    }

    @Test
    void describeIsAnsweredWithoutCredentialsWhenTheDescriptionIsPermitted() {
        try (ConfigurableApplicationContext server = RpcSecurityTests
            .securedServer(new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.VaultServer.class,
                    OpenApiSecurityTests.OpenDescription.class });
                RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            connection.writeFrame(DESCRIBE, 7, describeBody(Map.of(), Vault.class.getName()));
            RawConnection.RawFrame answer = connection.readFrameOfType(DESCRIPTION);
            assertThat(answer.flags()).isZero();
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("whoAmI()");
        }
    }

    @Test
    void connectionHasOneDescribeCheckedAtATime() throws Exception {
        try (ConfigurableApplicationContext server = RpcSecurityTests.securedServer(
                new Class<?>[] { AutoConfiguredApplication.class, GatedServer.class }, "rpc.server.max-threads=1");
                RawConnection connection = RawConnection.connectAndHandshake(RpcApplications.port(server))) {
            GateService gate = server.getBean(GateService.class);
            // the one call thread waits at the gate: the first DESCRIBE's check waits for
            // it
            connection.writeRequest(1, Gate.class.getName(), "pass()", 0, "[]");
            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
            Map<String, String> carol = Map.of("authorization", "Bearer " + Jwts.token("carol", "read"));
            connection.writeFrame(DESCRIBE, 1, describeBody(carol, Gate.class.getName()));
            connection.writeFrame(DESCRIBE, 2, describeBody(carol, Gate.class.getName()));
            RawConnection.RawFrame second = connection.readFrameOfType(DESCRIPTION);
            assertThat(second.id()).isEqualTo(2);
            assertThat(second.flags() & FLAG_REFUSED).isEqualTo(FLAG_REFUSED);
            assertThat(second.body()[0] & 0xFF).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED.code());
            assertThat(refusalMessage(second)).contains("still being checked");
            gate.open.countDown();
            RawConnection.RawFrame first = connection.readFrameOfType(DESCRIPTION);
            assertThat(first.id()).isEqualTo(1);
            assertThat(first.flags()).isZero();
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("pass()");
            // once answered, the connection may ask again
            connection.writeFrame(DESCRIBE, 3, describeBody(carol, Gate.class.getName()));
            RawConnection.RawFrame third = connection.readFrameOfType(DESCRIPTION);
            assertThat(third.id()).isEqualTo(3);
            assertThat(third.flags()).isZero();
        }
    }

    @Test
    void clientWithCredentialsOfItsServiceChecksTheContract() {
        try (ConfigurableApplicationContext client = RpcApplications.client(vaultServer, "vault",
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class },
                "rpc.client.services.vault.auth.bearer-token=" + Jwts.token("carol", "read"),
                "rpc.client.contract-check=warn", "management.endpoints.web.exposure.include=rpc")) {
            assertThat(client.getBean(Vault.class).whoAmI()).isEqualTo("carol");
            JsonNode endpoint = awaitCheckedEndpoint(client);
            assertThat(endpoint.path("status").asString()).isEqualTo("compatible");
        }
    }

    @Test
    void clientWithoutCredentialsReportsThatItCouldNotCheckAndItsCallsGoOn(CapturedOutput output) {
        try (ConfigurableApplicationContext client = RpcApplications.client(vaultServer, "vault",
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class },
                "rpc.client.contract-check=fail", "management.endpoints.web.exposure.include=rpc")) {
            assertThat(client.getBean(Lobby.class).whoAmI()).isEqualTo("anonymousUser");
            JsonNode endpoint = awaitCheckedEndpoint(client);
            assertThat(endpoint.path("status").asString()).isEqualTo("unknown");
            assertThat(endpoint.path("reason").asString()).contains("UNAUTHENTICATED")
                .contains("rpc.client.services.vault.auth");
            assertThat(output.getOut().lines().filter((line) -> line.contains("contract not checked")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("WARN")
                .contains("refused to describe its services: UNAUTHENTICATED");
            // fail refuses only calls it found incompatible: none here
            assertThat(client.getBean(Lobby.class).hello()).startsWith("hello from the lobby");
        }
    }

    /** A service whose calls wait until the test opens the gate. */
    @RpcClient(name = "gate")
    public interface Gate {

        String pass();

    }

    @RpcService
    static class GateService implements Gate {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public String pass() {
            this.entered.countDown();
            try {
                this.open.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "passed";
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Import({ SecuredApplications.Identities.class, GateService.class })
    static class GatedServer {

        @Bean
        RpcSecurityCustomizer gateIsOpen() {
            return (rules) -> rules.service(Gate.class).permitAll();
        }

    }

    private static String refusalMessage(RawConnection.RawFrame answer) {
        byte[] body = answer.body();
        return new String(body, 1, body.length - 1, StandardCharsets.UTF_8);
    }

    /** A DESCRIBE body: the service names, then the metadata (as in REQUEST). */
    static byte[] describeBody(Map<String, String> metadata, String... services) {
        ByteBuffer body = ByteBuffer.allocate(4096);
        body.putShort((short) services.length);
        for (String service : services) {
            putString(body, service);
        }
        body.putShort((short) metadata.size());
        metadata.forEach((key, value) -> {
            putString(body, key);
            putString(body, value);
        });
        return Arrays.copyOf(body.array(), body.position());
    }

    private static void putString(ByteBuffer body, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        body.putShort((short) bytes.length).put(bytes);
    }

    /** Waits until the contract check of the client's service has a result. */
    private static JsonNode awaitCheckedEndpoint(ConfigurableApplicationContext client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String url = "rpc://127.0.0.1:" + RpcApplications.port(vaultServer);
        while (true) {
            JsonNode endpoint = JsonMapper.builder()
                .build()
                .valueToTree(client.getBean(RpcEndpoint.class).rpc())
                .path("clients")
                .path("vault")
                .path("contractCheck")
                .path("endpoints")
                .path(url);
            if (endpoint.has("status") || System.nanoTime() - deadline > 0) {
                return endpoint;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

}
