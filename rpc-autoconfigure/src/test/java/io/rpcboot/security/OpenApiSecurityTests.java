package io.rpcboot.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rpcboot.autoconfigure.security.RpcSecurityCustomizer;
import io.rpcboot.support.RpcApplications;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security on the class path, {@code GET /openapi.json} follows the rule of
 * the service description: it needs credentials unless
 * {@code rules.description().permitAll()} opens it, and it declares the credentials the
 * server takes.
 */
class OpenApiSecurityTests {

    private static final JsonMapper json = new JsonMapper();

    @Test
    void documentNeedsCredentialsAndDeclaresThem() throws Exception {
        try (ConfigurableApplicationContext server = RpcSecurityTests
            .securedServer(new Class<?>[] { AutoConfiguredApplication.class, SecuredApplications.VaultServer.class })) {
            int port = RpcApplications.port(server);
            HttpResponse<String> anonymous = getOpenApi(port, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"status\":\"UNAUTHENTICATED\"")
                .doesNotContain(Vault.class.getName());
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"rpc\", Bearer");
            assertThat(getOpenApi(port, RpcSecurityTests.basic("alice", "wrong")).statusCode()).isEqualTo(401);
            HttpResponse<String> alice = getOpenApi(port, RpcSecurityTests.basic("alice", "alice-secret"));
            assertThat(alice.statusCode()).isEqualTo(200);
            JsonNode document = json.readTree(alice.body());
            assertThat(document.get("paths").has("/" + Vault.class.getName() + "/whoAmI")).isTrue();
            assertThat(document.get("components").get("securitySchemes")).isEqualTo(json.readTree("""
                    {"basicAuth": {"type": "http", "scheme": "basic"},
                     "bearerAuth": {"type": "http", "scheme": "bearer"}}"""));
            assertThat(document.get("security"))
                .isEqualTo(json.readTree("[{\"basicAuth\": []}, {\"bearerAuth\": []}]"));
        }
    }

    @Test
    void documentIsOpenWhenTheDescriptionIsPermitted() throws Exception {
        try (ConfigurableApplicationContext server = RpcSecurityTests.securedServer(new Class<?>[] {
                AutoConfiguredApplication.class, SecuredApplications.VaultServer.class, OpenDescription.class })) {
            HttpResponse<String> anonymous = getOpenApi(RpcApplications.port(server), null);
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).contains(Vault.class.getName());
        }
    }

    private static HttpResponse<String> getOpenApi(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.json"))
            .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return RpcSecurityTests.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    static class OpenDescription {

        @Bean
        RpcSecurityCustomizer descriptionIsOpen() {
            return (rules) -> rules.description().permitAll();
        }

    }

}
