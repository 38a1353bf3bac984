package io.rpcboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-service client credentials ({@code rpc.client.services.<name>.auth.*}) that are
 * incomplete or contradict each other fail the start-up, naming the property; valid ones
 * start.
 */
class RpcClientCredentialsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                RpcClientAutoConfiguration.class))
        .withPropertyValues("rpc.client.services.vault.urls=rpc://127.0.0.1:1");

    @Test
    void validCredentialsStart() {
        this.runner
            .withPropertyValues("rpc.client.services.vault.auth.basic.username=alice",
                    "rpc.client.services.vault.auth.basic.password=secret", "rpc.client.services.other.urls=rpc://a:1",
                    "rpc.client.services.other.auth.bearer-token=token", "rpc.client.services.third.urls=rpc://b:1",
                    "rpc.client.services.third.auth.relay-bearer-token=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(RpcClientCredentials.class).toString()).doesNotContain("secret")
                    .doesNotContain("token=");
            });
    }

    @Test
    void usernameWithoutPasswordFails() {
        failsNaming("rpc.client.services.vault.auth.basic.password must be set",
                "rpc.client.services.vault.auth.basic.username=alice");
    }

    @Test
    void passwordWithoutUsernameFails() {
        failsNaming("rpc.client.services.vault.auth.basic.username must be set",
                "rpc.client.services.vault.auth.basic.password=secret");
    }

    @Test
    void basicAndBearerTogetherFail() {
        failsNaming("rpc.client.services.vault.auth.bearer-token and rpc.client.services.vault.auth.basic.*",
                "rpc.client.services.vault.auth.basic.username=alice",
                "rpc.client.services.vault.auth.basic.password=secret",
                "rpc.client.services.vault.auth.bearer-token=token");
    }

    @Test
    void relayWithFixedCredentialsFails() {
        failsNaming("rpc.client.services.vault.auth.relay-bearer-token cannot be combined",
                "rpc.client.services.vault.auth.relay-bearer-token=true",
                "rpc.client.services.vault.auth.bearer-token=token");
    }

    @Test
    void emptyBearerTokenFails() {
        failsNaming("rpc.client.services.vault.auth.bearer-token must not be empty",
                "rpc.client.services.vault.auth.bearer-token= ");
    }

    @Test
    void usernameWithAColonFails() {
        failsNaming("rpc.client.services.vault.auth.basic.username must not contain ':'",
                "rpc.client.services.vault.auth.basic.username=a:b",
                "rpc.client.services.vault.auth.basic.password=secret");
    }

    private void failsNaming(String message, String... properties) {
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
            assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("secret");
        });
    }

}
