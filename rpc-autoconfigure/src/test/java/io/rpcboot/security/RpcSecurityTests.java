package io.rpcboot.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcContext;
import io.rpcboot.RpcException;
import io.rpcboot.RpcMetadata;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With Spring Security on the class path, the server authenticates the
 * {@code authorization} metadata (HTTP: the {@code Authorization} header) with the
 * application's users and JWT decoder, runs the call with that security context (method
 * security applies), clears it after every call, and answers UNAUTHENTICATED (401) and
 * PERMISSION_DENIED (403) over both protocols; clients send configured credentials and
 * relay the bearer token of the call they serve.
 */
class RpcSecurityTests {

    /**
     * Turns authentication on over the test resources' application.properties, which
     * turns it off for the other tests.
     */
    static final String SECURITY_ON = "--rpc.server.security.enabled=true";

    static ConfigurableApplicationContext vaultServer;

    static ConfigurableApplicationContext client;

    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        vaultServer = securedServer(
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.VaultServer.class },
                "rpc.server.max-threads=1");
        client = RpcApplications.client(vaultServer, "vault",
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class });
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (vaultServer != null) {
            vaultServer.close();
        }
    }

    static ConfigurableApplicationContext securedServer(Class<?>[] configuration, String... properties) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
            .properties("rpc.server.port=0", "rpc.server.address=127.0.0.1", "spring.main.banner-mode=off")
            .properties(properties)
            .run(SECURITY_ON);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Vault vault() {
        return client.getBean(Vault.class);
    }

    static Lobby lobby() {
        return client.getBean(Lobby.class);
    }

    static <T> T as(String authorization, java.util.function.Supplier<T> call) {
        try (RpcContext.Scope scope = RpcMetadata.attach("authorization", authorization)) {
            return call.get();
        }
    }

    static HttpResponse<String> post(int port, Class<?> service, String method, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/" + service.getName() + "/" + method))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[]"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> getRoot(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + RpcApplications.port(vaultServer) + "/"))
            .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Binary {

        @Test
        void basicCredentialsRunTheCallAsTheUser() {
            assertThat(as(basic("alice", "alice-secret"), () -> vault().whoAmI())).isEqualTo("alice");
        }

        @Test
        void bearerJwtRunsTheCallAsItsSubject() {
            assertThat(as("Bearer " + Jwts.token("carol", "read"), () -> vault().whoAmI())).isEqualTo("carol");
        }

        @Test
        void preAuthorizeAllowsAndDenies() {
            assertThat(as(basic("alice", "alice-secret"), () -> vault().secret())).isEqualTo("42");
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> as(basic("bob", "bob-secret"), () -> vault().secret()))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.PERMISSION_DENIED));
        }

        @Test
        void preAuthorizeOnAnAsynchronousMethodDenies() throws Exception {
            assertThat(as(basic("alice", "alice-secret"), () -> vault().secretLater()).get(5, TimeUnit.SECONDS))
                .isEqualTo("42");
            assertThatExceptionOfType(Exception.class)
                .isThrownBy(() -> as(basic("bob", "bob-secret"), () -> vault().secretLater()).get(5, TimeUnit.SECONDS))
                .satisfies((ex) -> assertThat(status(ex)).isEqualTo(RpcStatus.PERMISSION_DENIED));
        }

        @Test
        void missingCredentialsAreUnauthenticated() {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> vault().whoAmI())
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED));
        }

        @Test
        void badCredentialsAreUnauthenticatedWithoutEchoingThem() {
            for (String credentials : new String[] { basic("alice", "wrong-password"), basic("mallory", "x"),
                    "Basic !!!", "Bearer " + Jwts.expiredToken("carol"), "Bearer " + Jwts.forgedToken("carol"),
                    "Bearer not-a-jwt", "Digest username=alice" }) {
                assertThatExceptionOfType(RpcException.class).as(credentials)
                    .isThrownBy(() -> as(credentials, () -> vault().whoAmI()))
                    .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED))
                    .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong-password"));
            }
        }

        @Test
        void permittedServiceRunsAnonymousCallsAndStillChecksCredentialsSent() {
            assertThat(lobby().whoAmI()).isEqualTo("anonymousUser");
            assertThat(as(basic("bob", "bob-secret"), () -> lobby().whoAmI())).isEqualTo("bob");
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> as(basic("bob", "wrong"), () -> lobby().whoAmI()))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED));
        }

        @Test
        void ruleOfOneServiceDoesNotOpenTheMethodItSharesWithAnother() {
            assertThat(lobby().hello()).isEqualTo("hello from the lobby, anonymousUser");
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> vault().hello())
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED));
        }

        @Test
        void methodSecurityDeniesAnAnonymousCallerAsUnauthenticated() {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> lobby().adminsOnly())
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED));
            assertThat(as(basic("alice", "alice-secret"), () -> lobby().adminsOnly())).isEqualTo("welcome");
        }

        private static RpcStatus status(Throwable failure) {
            Throwable current = failure;
            while (current != null && !(current instanceof RpcException)) {
                current = current.getCause();
            }
            return (current != null) ? ((RpcException) current).getStatus() : null;
        }

    }

    @Nested
    class Http {

        int port() {
            return RpcApplications.port(vaultServer);
        }

        @Test
        void basicAndBearerCredentials() throws Exception {
            HttpResponse<String> alice = post(port(), Vault.class, "whoAmI", basic("alice", "alice-secret"));
            assertThat(alice.statusCode()).isEqualTo(200);
            assertThat(alice.body()).isEqualTo("\"alice\"");
            HttpResponse<String> carol = post(port(), Vault.class, "whoAmI", "Bearer " + Jwts.token("carol", "read"));
            assertThat(carol.statusCode()).isEqualTo(200);
            assertThat(carol.body()).isEqualTo("\"carol\"");
        }

        @Test
        void missingOrBadCredentialsAre401WithAChallenge() throws Exception {
            for (String credentials : new String[] { null, basic("alice", "wrong"),
                    "Bearer " + Jwts.forgedToken("carol") }) {
                HttpResponse<String> response = post(port(), Vault.class, "whoAmI", credentials);
                assertThat(response.statusCode()).as(String.valueOf(credentials)).isEqualTo(401);
                assertThat(response.body()).contains("\"status\":\"UNAUTHENTICATED\"");
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"rpc\", Bearer");
            }
        }

        @Test
        void deniedByMethodSecurityIs403() throws Exception {
            HttpResponse<String> bob = post(port(), Vault.class, "secret", basic("bob", "bob-secret"));
            assertThat(bob.statusCode()).isEqualTo(403);
            assertThat(bob.body()).contains("\"status\":\"PERMISSION_DENIED\"");
            assertThat(post(port(), Vault.class, "secret", basic("alice", "alice-secret")).body()).isEqualTo("\"42\"");
        }

        @Test
        void permittedServiceAnswersAnonymousCallers() throws Exception {
            assertThat(post(port(), Lobby.class, "whoAmI", null).body()).isEqualTo("\"anonymousUser\"");
        }

        @Test
        void serviceDescriptionNeedsCredentials() throws Exception {
            HttpResponse<String> anonymous = getRoot(null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain(Vault.class.getName());
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(getRoot(basic("alice", "wrong")).statusCode()).isEqualTo(401);
            HttpResponse<String> alice = getRoot(basic("alice", "alice-secret"));
            assertThat(alice.statusCode()).isEqualTo(200);
            assertThat(alice.body()).contains(Vault.class.getName());
        }

    }

    @Test
    void pooledCallThreadNeverSeesAPreviousCallersIdentity() throws Exception {
        SecuredApplications.LEFTOVERS.clear();
        for (int i = 0; i < 50; i++) {
            assertThat(as(basic("alice", "alice-secret"), () -> vault().whoAmI())).isEqualTo("alice");
            // the continuation runs on another pool, which the caller's identity never
            // reaches
            assertThat(as(basic("alice", "alice-secret"), () -> vault().whoAmILater()).get(5, TimeUnit.SECONDS))
                .isEqualTo("alice then none");
            assertThat(post(RpcApplications.port(vaultServer), Vault.class, "whoAmI", basic("alice", "alice-secret"))
                .body()).isEqualTo("\"alice\"");
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> as(basic("bob", "bob-secret"), () -> vault().secret()));
        }
        // one call thread (rpc.server.max-threads=1) served every call above
        assertThat(lobby().whoAmI()).isEqualTo("anonymousUser");
        assertThat(post(RpcApplications.port(vaultServer), Lobby.class, "whoAmI", null).body())
            .isEqualTo("\"anonymousUser\"");
        assertThat(SecuredApplications.LEFTOVERS).isEmpty();
        assertThat(SecuredApplications.CONTINUATIONS.submit(SecuredApplications::currentName).get(5, TimeUnit.SECONDS))
            .isEqualTo("none");
    }

    @Test
    void configuredCredentialsAreSentWithEveryCall() {
        try (ConfigurableApplicationContext alice = RpcApplications.client(vaultServer, "vault",
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class },
                "rpc.client.services.vault.auth.basic.username=alice",
                "rpc.client.services.vault.auth.basic.password=alice-secret");
                ConfigurableApplicationContext carol = RpcApplications.client(vaultServer, "vault",
                        new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class },
                        "rpc.client.services.vault.auth.bearer-token=" + Jwts.token("carol", "read"))) {
            assertThat(alice.getBean(Vault.class).whoAmI()).isEqualTo("alice");
            assertThat(alice.getBean(Vault.class).secret()).isEqualTo("42");
            assertThat(carol.getBean(Vault.class).whoAmI()).isEqualTo("carol");
        }
    }

    @Test
    void bearerTokenIsRelayedToTheNextHop() throws Exception {
        try (ConfigurableApplicationContext front = securedServer(
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.FrontServer.class },
                "rpc.client.services.vault.urls=rpc://127.0.0.1:" + RpcApplications.port(vaultServer),
                "rpc.client.services.vault.auth.relay-bearer-token=true");
                ConfigurableApplicationContext caller = RpcApplications.client(front, "front",
                        new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.FrontClient.class },
                        "rpc.client.services.front.auth.bearer-token=" + Jwts.token("dave", "read"))) {
            // binary caller -> front -> vault
            assertThat(caller.getBean(Front.class).whoDoesTheVaultSee()).isEqualTo("dave");
            // HTTP caller -> front -> vault
            HttpResponse<String> overHttp = post(RpcApplications.port(front), Front.class, "whoDoesTheVaultSee",
                    "Bearer " + Jwts.token("erin", "read"));
            assertThat(overHttp.body()).isEqualTo("\"erin\"");
            // only bearer tokens are relayed: Basic credentials stay with the first hop
            HttpResponse<String> basicCaller = post(RpcApplications.port(front), Front.class, "whoDoesTheVaultSee",
                    basic("alice", "alice-secret"));
            assertThat(basicCaller.statusCode()).isEqualTo(401);
        }
    }

}
