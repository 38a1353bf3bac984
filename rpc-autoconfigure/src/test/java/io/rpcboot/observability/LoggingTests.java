package io.rpcboot.observability;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.RpcException;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RawConnection;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Failures are logged once, at the level they deserve, with what an operator needs to
 * find them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("jobs", AutoConfiguredApplication.class, ClientApp.class)
        .clientProperties("rpc.client.services.offline.urls=rpc://127.0.0.1:1");

    @Test
    void undeclaredFailureIsLoggedOnceAsWarningWithMethodStatusAndCaller(CapturedOutput output) {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> pair.clientBean(Jobs.class).run("nightly"));
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("failed with APPLICATION_ERROR"));
        String line = lineContaining(output, "failed with APPLICATION_ERROR");
        assertThat(line).contains("WARN")
            .contains(Jobs.class.getName() + ".run(java.lang.String)")
            .contains("undeclared java.lang.IllegalStateException")
            .contains("/127.0.0.1:");
        assertThat(count(output, "failed with APPLICATION_ERROR")).isEqualTo(1);
    }

    @Test
    void repeatedUndeclaredFailureIsLoggedInFullOnceThenCounted(CapturedOutput output) {
        Jobs jobs = pair.clientBean(Jobs.class);
        for (int i = 0; i < 1000; i++) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(() -> jobs.flood("nightly"));
        }
        String flood = Jobs.class.getName() + ".flood(java.lang.String)";
        long warnings = output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains(flood)).count();
        assertThat(warnings).as("WARN lines for 1,000 failures of one kind").isBetween(1L, 2L);
        assertThat(count(output, "java.lang.IllegalStateException: flood of nightly")).as("stack traces").isOne();
    }

    @Test
    void unreachableEndpointIsLoggedOnceNotOnEveryCall(CapturedOutput output) {
        Offline offline = pair.clientBean(Offline.class);
        for (int i = 0; i < 5; i++) {
            assertThatExceptionOfType(RpcException.class).isThrownBy(offline::ping);
        }
        assertThat(count(output, "rpc://127.0.0.1:1 is unreachable")).isEqualTo(1);
        assertThat(lineContaining(output, "rpc://127.0.0.1:1 is unreachable")).contains("WARN");
    }

    @Test
    void malformedFrameIsLoggedWithTheRemoteAddress(CapturedOutput output) {
        try (RawConnection connection = RawConnection.connect(pair.port())) {
            connection.write(new byte[] { 'X', 'Y', 'Z', 'W', 1, 0, 0, 0 });
            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(5))).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("Closing connection from"));
        assertThat(lineContaining(output, "Closing connection from")).contains("WARN").contains("/127.0.0.1:");
    }

    private static String lineContaining(CapturedOutput output, String text) {
        return output.getOut().lines().filter((line) -> line.contains(text)).findFirst().orElseThrow();
    }

    private static long count(CapturedOutput output, String text) {
        return output.getOut().lines().filter((line) -> line.contains(text)).count();
    }

    @RpcClient(name = "jobs")
    public interface Jobs {

        void run(String name);

        void flood(String name);

    }

    @RpcClient(name = "offline")
    public interface Offline {

        void ping();

    }

    @RpcService
    static class JobsService implements Jobs {

        @Override
        public void run(String name) {
            throw new IllegalStateException("job " + name + " is already running");
        }

        @Override
        public void flood(String name) {
            throw new IllegalStateException("flood of " + name);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        JobsService jobsService() {
            return new JobsService();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Jobs.class, Offline.class })
    static class ClientApp {

    }

}
