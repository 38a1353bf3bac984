package io.rpcboot.semantics;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.TestCertificates;
import io.rpcboot.support.TlsFiles;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reloaded SSL bundle applies to new connections, without a restart, while connections
 * already open keep serving their calls.
 */
class TlsReloadTests {

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void newConnectionsPresentTheReloadedCertificateAndOpenOnesKeepServing() throws Exception {
        TestCertificates authority = TestCertificates.authority("rpcboot test CA");
        authority.writeCertificate(this.directory, "ca");
        TestCertificates first = authority.server("first");
        first.write(this.directory, "server");
        TlsFiles files = new TlsFiles(this.directory);
        String[] server = concat(files.bundle("rpc-server", "server", "ca"), "rpc.server.ssl.bundle=rpc-server",
                "spring.ssl.bundle.pem.rpc-server.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=100ms");
        String[] client = concat(files.bundle("rpc-client", null, "ca"), "rpc.client.ssl.bundle=rpc-client");
        SSLContext trusting = TlsTests.trusting(authority);
        try (ConfigurableApplicationContext serverContext = RpcApplications
            .server(new Class<?>[] { AutoConfiguredApplication.class, EchoService.ServerApp.class }, server);
                ConfigurableApplicationContext clientContext = RpcApplications.client(serverContext, "echo",
                        new Class<?>[] { AutoConfiguredApplication.class, EchoService.ClientApp.class }, client)) {
            int port = RpcApplications.port(serverContext);
            EchoService.Echo echo = clientContext.getBean(EchoService.Echo.class);
            assertThat(echo.echo("before")).isEqualTo("before");
            assertThat(presentedSerial(trusting, port)).isEqualTo(first.serial());

            TestCertificates second = authority.server("second");
            second.write(this.directory, "server");

            long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
            BigInteger presented = presentedSerial(trusting, port);
            while (!presented.equals(second.serial()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                presented = presentedSerial(trusting, port);
            }
            assertThat(presented).isEqualTo(second.serial());
            // the client's connection, opened with the first certificate, still serves
            // calls
            assertThat(echo.echo("after")).isEqualTo("after");
        }
    }

    private static BigInteger presentedSerial(SSLContext trusting, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

}
