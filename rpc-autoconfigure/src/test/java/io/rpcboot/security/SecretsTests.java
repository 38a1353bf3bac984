package io.rpcboot.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.RpcException;
import io.rpcboot.autoconfigure.actuate.RpcEndpoint;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Configured client credentials appear nowhere a user or an operator reads: not in
 * {@code /actuator/rpc}, not in {@code /actuator/configprops}, not in the failure of a
 * call that the server refused.
 */
class SecretsTests {

    private static final String PASSWORD = "pa55-w0rd-never-shown";

    private static final String TOKEN = "t0ken-never-shown";

    private static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        client = new SpringApplicationBuilder(AutoConfiguredApplication.class, SecuredApplications.Client.class,
                SanitizeCredentials.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "management.endpoints.web.exposure.include=rpc,configprops",
                    "management.endpoint.configprops.show-values=always",
                    "rpc.client.services.vault.urls=rpc://127.0.0.1:1",
                    "rpc.client.services.vault.auth.basic.username=alice",
                    "rpc.client.services.vault.auth.basic.password=" + PASSWORD,
                    "rpc.client.services.other.urls=rpc://127.0.0.1:1",
                    "rpc.client.services.other.auth.bearer-token=" + TOKEN)
            .run();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void rpcEndpointShowsNoCredentials() {
        client.getBean(Vault.class); // the proxy, so that the endpoint lists the service
        String json = new JsonMapper().writeValueAsString(client.getBean(RpcEndpoint.class).rpc());
        assertThat(json).contains("vault").doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    /**
     * With {@code show-values=always}, Spring Boot shows every value (its own
     * {@code spring.security.user.password} too) unless a {@link SanitizingFunction}
     * hides it: the recipe docs/security.md gives hides the rpc credentials.
     */
    @Test
    void configpropsShowsNoCredentials() {
        String json = new JsonMapper()
            .writeValueAsString(client.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
        assertThat(json).contains("rpc.client").doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Configuration(proxyBeanMethods = false)
    static class SanitizeCredentials {

        @Bean
        SanitizingFunction sanitizeCredentials() {
            return SanitizingFunction.sanitizeValue().ifLikelyCredential();
        }

    }

    @Test
    void failedCallNamesNoCredentials() {
        assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.getBean(Vault.class).whoAmI())
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(PASSWORD));
    }

}
