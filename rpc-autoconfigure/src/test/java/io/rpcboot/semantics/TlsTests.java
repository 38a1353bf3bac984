package io.rpcboot.semantics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.TestCertificates;
import io.rpcboot.support.TlsFiles;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS and mutual TLS on the rpc port, binary protocol and HTTP/JSON, with certificates
 * the tests make; and every way a handshake fails reaching the caller as a prompt
 * {@code UNAVAILABLE} that says TLS and why.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

    /** The calls' deadline: a failure must come long before it. */
    private static final String DEADLINE = "rpc.client.timeout=30s";

    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    static Path directory;

    private static TlsFiles files;

    private static TestCertificates authority;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        authority = TestCertificates.authority("rpcboot test CA");
        authority.writeCertificate(directory, "ca");
        authority.server("rpc server").write(directory, "server");
        authority.server("elsewhere", "elsewhere.example").write(directory, "elsewhere");
        authority.server("localhost only", "localhost").write(directory, "localhost-only");
        authority.client("rpc client").write(directory, "client");
        TestCertificates stranger = TestCertificates.authority("another CA");
        stranger.writeCertificate(directory, "stranger-ca");
        stranger.client("stranger").write(directory, "stranger");
        files = new TlsFiles(directory);
    }

    @AfterEach
    void close() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void callOverTls() {
        ConfigurableApplicationContext server = server("server", "none");
        assertThat(echo(client(server, null, "ca")).echo("over TLS")).isEqualTo("over TLS");
    }

    @Test
    void callOverMutualTls() {
        ConfigurableApplicationContext server = server("server", "need");
        assertThat(echo(client(server, "client", "ca")).echo("both sides known")).isEqualTo("both sides known");
    }

    @Test
    void clientWithoutCertificateIsServedWhenTheServerOnlyWantsOne() {
        ConfigurableApplicationContext server = server("server", "want");
        assertThat(echo(client(server, null, "ca")).echo("anonymous connection")).isEqualTo("anonymous connection");
    }

    @Test
    void serviceBundleOverridesTheDefaultBundle() {
        ConfigurableApplicationContext server = server("server", "none");
        ConfigurableApplicationContext client = RpcApplications.client(server, "echo",
                new Class<?>[] { AutoConfiguredApplication.class, EchoService.ClientApp.class },
                concat(concat(files.bundle("wrong", null, "stranger-ca"), files.bundle("right", null, "ca")),
                        "rpc.client.ssl.bundle=wrong", "rpc.client.services.echo.ssl.bundle=right"));
        this.contexts.add(client);
        assertThat(echo(client).echo("per service")).isEqualTo("per service");
    }

    @Test
    void httpJsonOverTls() throws Exception {
        ConfigurableApplicationContext server = server("server", "none");
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(authority)).build();
        HttpResponse<String> response = http.send(HttpRequest
            .newBuilder(
                    URI.create("https://localhost:" + RpcApplications.port(server) + "/" + EchoService.NAME + "/echo"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("[\"over https\"]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"over https\"");
    }

    @Test
    void plaintextHttpIsToldThePortSpeaksTls() throws Exception {
        ConfigurableApplicationContext server = server("server", "none");
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest
                .newBuilder(URI
                    .create("http://127.0.0.1:" + RpcApplications.port(server) + "/" + EchoService.NAME + "/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"plain\"]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("UNAVAILABLE", "TLS only");
    }

    @Test
    void plaintextClientAgainstTlsServerFailsPromptlySayingTls(CapturedOutput output) {
        ConfigurableApplicationContext server = server("server", "none");
        EchoService.Echo echo = echo(client(server, null, null));
        assertFailsPromptly(echo, "refused the connection", "TLS only", "rpc.client.ssl.bundle");
        assertServerLoggedOnceWithoutStackTrace(output, "spoke plaintext to this TLS-only port");
    }

    @Test
    void tlsClientAgainstPlaintextServerFailsPromptlySayingTls(CapturedOutput output) {
        ConfigurableApplicationContext server = this.add(RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class }));
        EchoService.Echo echo = echo(client(server, null, "ca"));
        assertFailsPromptly(echo, "TLS handshake with rpc://127.0.0.1:" + RpcApplications.port(server) + " failed",
                "server without TLS");
        assertServerLoggedOnceWithoutStackTrace(output, "it speaks TLS, and this server speaks plaintext");
    }

    @Test
    void serverOfAnUnknownAuthorityFailsPromptly(CapturedOutput output) {
        ConfigurableApplicationContext server = server("server", "none");
        EchoService.Echo echo = echo(client(server, null, "stranger-ca"));
        assertFailsPromptly(echo, "TLS handshake with rpc://127.0.0.1:" + RpcApplications.port(server) + " failed",
                "unknown certificate authority", "PKIX path building failed");
        assertServerLoggedOnceWithoutStackTrace(output, "TLS handshake with /127.0.0.1:");
    }

    @Test
    void clientWithoutCertificateAgainstNeedFailsPromptly(CapturedOutput output) {
        ConfigurableApplicationContext server = server("server", "need");
        EchoService.Echo echo = echo(client(server, null, "ca"));
        assertFailsPromptly(echo, "TLS handshake with rpc://127.0.0.1:" + RpcApplications.port(server) + " failed",
                "client certificate");
        assertServerLoggedOnceWithoutStackTrace(output, "the server requires a client certificate");
    }

    @Test
    void clientCertificateOfAnUnknownAuthorityAgainstNeedFailsPromptly(CapturedOutput output) {
        ConfigurableApplicationContext server = server("server", "need");
        EchoService.Echo echo = echo(client(server, "stranger", "ca"));
        assertFailsPromptly(echo, "TLS handshake with rpc://127.0.0.1:" + RpcApplications.port(server) + " failed",
                "client certificate");
        // the client offers only a certificate of an authority the server names as
        // trusted: none
        assertServerLoggedOnceWithoutStackTrace(output, "the server requires a client certificate");
    }

    @Test
    void serverCertificateForAnotherHostFailsUnlessVerificationIsOff() {
        ConfigurableApplicationContext server = server("elsewhere", "none");
        assertFailsPromptly(echo(client(server, null, "ca")), "host name mismatch");
        ConfigurableApplicationContext lenient = client(server, null, "ca",
                "rpc.client.services.echo.ssl.verify-hostname=false");
        assertThat(echo(lenient).echo("no host check")).isEqualTo("no host check");
    }

    @Test
    void certificateMustNameTheHostOfTheUrlNotTheAddressItResolvesTo() {
        ConfigurableApplicationContext server = server("localhost-only", "none");
        ConfigurableApplicationContext client = client(server, null, "ca",
                "rpc.client.services.echo.urls=rpc://localhost:" + RpcApplications.port(server));
        assertThat(echo(client).echo("by name")).isEqualTo("by name");
    }

    @Test
    void unknownBundleFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class },
                "rpc.server.ssl.bundle=missing"))
            .hasStackTraceContaining("rpc.server.ssl.bundle names the SSL bundle 'missing', which does not exist");
    }

    @Test
    void clientAuthWithoutBundleFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> RpcApplications.server(
                new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class },
                "rpc.server.ssl.client-auth=need"))
            .hasStackTraceContaining("rpc.server.ssl.client-auth=need needs TLS: set rpc.server.ssl.bundle");
    }

    private void assertFailsPromptly(EchoService.Echo echo, String... messageParts) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> echo.echo("never answered")).isInstanceOfSatisfying(RpcException.class, (failure) -> {
            assertThat(failure.getStatus()).isEqualTo(RpcStatus.UNAVAILABLE);
            assertThat(failure.getMessage()).contains(messageParts);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    private static void assertServerLoggedOnceWithoutStackTrace(CapturedOutput output, String line) {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (!output.getOut().contains(line) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<String> warnings = output.getOut()
            .lines()
            .filter((logged) -> logged.contains(line) && logged.contains("WARN") && logged.contains("internal.server"))
            .toList();
        assertThat(warnings).hasSize(1);
        assertThat(output.getOut()).doesNotContain("\tat io.netty.handler.ssl", "Closing connection to");
    }

    private ConfigurableApplicationContext server(String key, String clientAuth) {
        return add(
                RpcApplications.server(new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class },
                        concat(files.bundle("rpc-server", key, "ca"), "rpc.server.ssl.bundle=rpc-server",
                                "rpc.server.ssl.client-auth=" + clientAuth)));
    }

    private ConfigurableApplicationContext client(ConfigurableApplicationContext server, String key, String trust,
            String... more) {
        String[] tls = (trust != null || key != null)
                ? concat(files.bundle("rpc-client", key, trust), "rpc.client.ssl.bundle=rpc-client") : new String[0];
        return add(RpcApplications.client(server, "echo",
                new Class<?>[] { AutoConfiguredApplication.class, EchoService.ClientApp.class },
                concat(concat(tls, DEADLINE), more)));
    }

    private ConfigurableApplicationContext add(ConfigurableApplicationContext context) {
        this.contexts.add(context);
        return context;
    }

    private static EchoService.Echo echo(ConfigurableApplicationContext client) {
        return client.getBean(EchoService.Echo.class);
    }

    static SSLContext trusting(TestCertificates authority) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", authority.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

}
