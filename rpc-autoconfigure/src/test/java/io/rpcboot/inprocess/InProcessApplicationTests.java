package io.rpcboot.inprocess;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.actuate.RpcEndpoint;
import io.rpcboot.autoconfigure.actuate.RpcHealthIndicator;
import io.rpcboot.internal.server.ServerHolder;
import io.rpcboot.support.TestCertificates;
import io.rpcboot.support.TlsFiles;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code rpc.server.port=-1} opens no TCP port: with {@code rpc.server.in-process.name}
 * the application serves its clients in the same JVM only; without it, it serves nothing
 * and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class InProcessApplicationTests {

    private static final String EXPOSE = "management.endpoints.web.exposure.include=health,rpc";

    @Test
    void inProcessOnlyApplicationOpensNoPortAndItsClientsCallIt() throws Exception {
        assumeThat(ListeningSockets.areReadable()).as("Linux /proc").isTrue();
        Set<String> listeningBefore = ListeningSockets.ofThisProcess();
        try (ConfigurableApplicationContext application = server("rpc.server.port=-1",
                "rpc.server.in-process.name=greeter-only-in-process", EXPOSE);
                ConfigurableApplicationContext client = client(
                        "rpc.client.services.greeter.urls=in-process:greeter-only-in-process")) {
            assertThat(client.getBean(Greeter.class).greet("Ada")).isEqualTo("Hello, Ada");
            assertThat(ListeningSockets.ofThisProcess()).as("listening TCP sockets").isEqualTo(listeningBefore);
            assertThat(application.getEnvironment().containsProperty("local.rpc.server.port")).isFalse();
            Health health = application.getBean(RpcHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("server", "serving in-process as 'greeter-only-in-process'");
            @SuppressWarnings("unchecked")
            Map<String, Object> server = (Map<String, Object>) application.getBean(RpcEndpoint.class)
                .rpc()
                .get("server");
            assertThat(server).containsEntry("running", true)
                .containsEntry("inProcessName", "greeter-only-in-process")
                .doesNotContainKeys("port", "address");
        }
    }

    @Test
    void inProcessCallsSpeakNeitherTlsNorNeedIt(@TempDir Path directory) {
        TestCertificates authority = TestCertificates.authority("rpcboot test CA");
        authority.writeCertificate(directory, "ca");
        authority.server("rpc server").write(directory, "server");
        TlsFiles files = new TlsFiles(directory);
        String[] serverTls = files.bundle("rpc-server", "server", "ca");
        String[] clientTls = files.bundle("rpc-client", null, "ca");
        try (ConfigurableApplicationContext server = server(
                concat(serverTls, "rpc.server.port=0", "rpc.server.address=127.0.0.1",
                        "rpc.server.ssl.bundle=rpc-server", "rpc.server.in-process.name=greeter-tls"));
                ConfigurableApplicationContext client = client(concat(clientTls, "rpc.client.ssl.bundle=rpc-client",
                        "rpc.client.services.greeter.urls=in-process:greeter-tls"))) {
            assertThat(client.getBean(Greeter.class).greet("Ada")).isEqualTo("Hello, Ada");
        }
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void applicationWithNeitherPortNorInProcessNameServesNothingAndSaysSo(CapturedOutput output) {
        try (ConfigurableApplicationContext application = server("rpc.server.port=-1", EXPOSE)) {
            assertThat(application.getBean(ServerHolder.class).getServer()).isNull();
            assertThat(application.getEnvironment().containsProperty("local.rpc.server.port")).isFalse();
            assertThat(application.getBean(RpcHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
            assertThat(output).contains("rpcboot server not started: rpc.server.port=-1 opens no TCP port and"
                    + " rpc.server.in-process.name is not set");
        }
    }

    @Test
    void secondServerWithTheSameInProcessNameFailsStartUpNamingTheProperty() {
        try (ConfigurableApplicationContext first = server("rpc.server.port=-1",
                "rpc.server.in-process.name=greeter-taken");
                ConfigurableApplicationContext client = client(
                        "rpc.client.services.greeter.urls=in-process:greeter-taken")) {
            assertThatException()
                .isThrownBy(() -> server("rpc.server.port=-1", "rpc.server.in-process.name=greeter-taken"))
                .withStackTraceContaining("Could not serve in-process as 'greeter-taken'")
                .withStackTraceContaining("Set rpc.server.in-process.name to a name of its own");
            assertThat(client.getBean(Greeter.class).greet("the first")).isEqualTo("Hello, the first");
        }
    }

    @Test
    void serviceWithInProcessAndNetworkUrlsFailsStartUpNamingTheProperty() {
        assertThatException()
            .isThrownBy(() -> client("rpc.client.services.greeter.urls=in-process:greeter,rpc://127.0.0.1:9090"))
            .withStackTraceContaining("Invalid rpc.client.services.greeter.urls")
            .withStackTraceContaining("both in-process and rpc:// URLs");
    }

    private static ConfigurableApplicationContext server(String... properties) {
        return application(ServerApp.class, properties);
    }

    private static ConfigurableApplicationContext client(String... properties) {
        return application(ClientApp.class, properties);
    }

    private static ConfigurableApplicationContext application(Class<?> configuration, String... properties) {
        return new SpringApplicationBuilder(AutoConfiguredApplication.class, configuration).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

    @RpcClient(name = "greeter")
    public interface Greeter {

        String greet(String name);

    }

    @RpcService
    static class GreeterService implements Greeter {

        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        GreeterService greeterService() {
            return new GreeterService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Greeter.class)
    static class ClientApp {

    }

}
