package io.rpcboot.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.TestCertificates;
import io.rpcboot.support.TlsFiles;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static io.rpcboot.security.RpcSecurityTests.as;
import static io.rpcboot.security.RpcSecurityTests.basic;
import static io.rpcboot.security.RpcSecurityTests.securedServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code rpc.server.security.x509.enabled}, a call without credentials runs as the
 * user that its mutual TLS connection's client certificate names (the subject's common
 * name, loaded with the application's {@code UserDetailsService}), over the binary
 * protocol and HTTP/JSON alike; credentials in the call still win, and without the
 * property a certificate authenticates nobody.
 */
class X509AuthenticationTests {

    @TempDir
    static Path directory;

    private static TlsFiles files;

    private static ConfigurableApplicationContext server;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void start() {
        TestCertificates authority = TestCertificates.authority("rpcboot x509 test CA");
        authority.writeCertificate(directory, "ca");
        authority.server("rpc server").write(directory, "server");
        authority.client("alice").write(directory, "alice"); // ADMIN
        authority.client("bob").write(directory, "bob"); // USER
        authority.client("mallory").write(directory, "mallory"); // not a user
        files = new TlsFiles(directory);
        server = server("need", "rpc.server.security.x509.enabled=true");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClients() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void certificateOfAUserWithTheRoleRunsTheCallAsThatUserAndPassesTheRoleRule() {
        Vault vault = vault(server, "alice");
        assertThat(vault.whoAmI()).isEqualTo("alice");
        assertThat(vault.secret()).as("@PreAuthorize(\"hasRole('ADMIN')\")").isEqualTo("42");
    }

    @Test
    void certificateOfAUserWithoutTheRoleIsDeniedTheMethodThatNeedsIt() {
        Vault vault = vault(server, "bob");
        assertThat(vault.whoAmI()).isEqualTo("bob");
        assertThatExceptionOfType(RpcException.class).isThrownBy(vault::secret)
            .returns(RpcStatus.PERMISSION_DENIED, RpcException::getStatus);
    }

    @Test
    void certificateOfAnUnknownSubjectIsUnauthenticatedButMayCallAPermittedService() {
        ConfigurableApplicationContext client = client(server, "mallory");
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Vault.class).whoAmI())
            .returns(RpcStatus.UNAUTHENTICATED, RpcException::getStatus)
            .withMessageContaining("the client certificate was not accepted");
        assertThat(client.getBean(Lobby.class).whoAmI()).isEqualTo("anonymousUser");
    }

    @Test
    void credentialsInTheCallWinOverTheCertificate() {
        Vault vault = vault(server, "bob");
        assertThat(as(basic("alice", "alice-secret"), vault::secret)).isEqualTo("42");
        assertThat(as(basic("alice", "alice-secret"), vault::whoAmI)).isEqualTo("alice");
        assertThatExceptionOfType(RpcException.class)
            .isThrownBy(() -> as(basic("alice", "wrong-password"), vault::whoAmI))
            .returns(RpcStatus.UNAUTHENTICATED, RpcException::getStatus);
    }

    @Test
    void withoutTheOptionACertificateAuthenticatesNobody() {
        try (ConfigurableApplicationContext plain = server("need")) {
            Vault vault = vault(plain, "alice");
            assertThatExceptionOfType(RpcException.class).isThrownBy(vault::whoAmI)
                .returns(RpcStatus.UNAUTHENTICATED, RpcException::getStatus)
                .withMessageContaining("needs credentials");
        }
    }

    @Test
    void httpJsonCallRunsAsTheUserOfItsCertificate() throws Exception {
        assertThat(post("alice", "whoAmI").body()).isEqualTo("\"alice\"");
        assertThat(post("alice", "secret").body()).isEqualTo("\"42\"");
        assertThat(post("bob", "secret").statusCode()).isEqualTo(403);
        assertThat(post("mallory", "whoAmI").statusCode()).isEqualTo(401);
    }

    @Test
    void optionWithoutClientCertificatesFailsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> server("none", "rpc.server.security.x509.enabled=true")).hasStackTraceContaining(
                "rpc.server.security.x509.enabled=true needs client certificates: set rpc.server.ssl.bundle and"
                        + " rpc.server.ssl.client-auth=need (or want)");
    }

    @Test
    void optionWithoutUsersFailsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> securedServer(new Class<?>[] { AutoConfiguredApplication.class, TokensOnly.class },
                concat(files.bundle("rpc-server", "server", "ca"), "rpc.server.ssl.bundle=rpc-server",
                        "rpc.server.ssl.client-auth=need", "rpc.server.security.x509.enabled=true",
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")))
            .hasStackTraceContaining("rpc.server.security.x509.enabled=true needs one UserDetailsService bean");
    }

    /** A server whose callers bring JWTs only: it has no users to load. */
    @Configuration(proxyBeanMethods = false)
    @Import(SecuredApplications.VaultService.class)
    static class TokensOnly {

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey(Jwts.publicKey()).build();
        }

    }

    private static ConfigurableApplicationContext server(String clientAuth, String... more) {
        return securedServer(new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.VaultServer.class },
                concat(concat(files.bundle("rpc-server", "server", "ca"), "rpc.server.ssl.bundle=rpc-server",
                        "rpc.server.ssl.client-auth=" + clientAuth), more));
    }

    private ConfigurableApplicationContext client(ConfigurableApplicationContext target, String certificate) {
        ConfigurableApplicationContext client = RpcApplications.client(target, "vault",
                new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.Client.class },
                concat(files.bundle("rpc-client", certificate, "ca"), "rpc.client.ssl.bundle=rpc-client"));
        this.contexts.add(client);
        return client;
    }

    private Vault vault(ConfigurableApplicationContext target, String certificate) {
        return client(target, certificate).getBean(Vault.class);
    }

    private static HttpResponse<String> post(String certificate, String method) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext(certificate)).build();
        return http.send(HttpRequest
            .newBuilder(URI.create(
                    "https://localhost:" + RpcApplications.port(server) + "/" + Vault.class.getName() + "/" + method))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[]"))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext sslContext(String certificate) {
        PemSslStoreDetails key = PemSslStoreDetails.forCertificate(file(certificate + ".crt"))
            .withPrivateKey(file(certificate + ".key"));
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificate(file("ca.crt"));
        return SslBundle.of(new PemSslStoreBundle(key, trust)).createSslContext();
    }

    private static String file(String name) {
        return "file:" + directory.resolve(name).toAbsolutePath();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

}
