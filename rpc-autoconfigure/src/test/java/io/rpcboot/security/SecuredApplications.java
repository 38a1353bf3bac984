package io.rpcboot.security;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.security.RpcSecurityCustomizer;

/**
 * The applications of the security tests: a vault server with users, JWTs and method
 * security, a front server that calls the vault, and a client.
 */
final class SecuredApplications {

    /** The pool where the futures of asynchronous vault methods complete. */
    static final ExecutorService CONTINUATIONS = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "vault-continuations");
        thread.setDaemon(true);
        return thread;
    });

    /** Identities a call thread held when a call arrived, before authentication ran. */
    static final List<String> LEFTOVERS = new CopyOnWriteArrayList<>();

    private SecuredApplications() {
    }

    static String currentName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication != null) ? authentication.getName() : "none";
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity(securedEnabled = true)
    static class Identities {

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}alice-secret").roles("ADMIN").build(),
                    User.withUsername("bob").password("{noop}bob-secret").roles("USER").build());
        }

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey(Jwts.publicKey()).build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Import({ Identities.class, VaultService.class, LobbyService.class })
    static class VaultServer {

        @Bean
        RpcSecurityCustomizer lobbyIsOpen() {
            return (rules) -> rules.service(Lobby.class).permitAll();
        }

        /** Outermost: sees what the call thread holds before authentication sets it. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        RpcServerInterceptor leftoverProbe() {
            return (call, next) -> {
                Authentication leftover = SecurityContextHolder.getContext().getAuthentication();
                if (leftover != null) {
                    LEFTOVERS.add(leftover.getName() + " before " + call);
                }
                return next.proceed();
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Vault.class)
    @Import({ Identities.class, FrontService.class })
    static class FrontServer {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = { Vault.class, Lobby.class })
    static class Client {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Front.class)
    static class FrontClient {

    }

    @RpcService
    static class VaultService implements Vault {

        @Override
        public String hello() {
            return "hello from the vault, " + currentName();
        }

        @Override
        public String whoAmI() {
            return currentName();
        }

        @Override
        @PreAuthorize("hasRole('ADMIN')")
        public String secret() {
            return "42";
        }

        @Override
        public CompletableFuture<String> whoAmILater() {
            String caller = currentName();
            return CompletableFuture.supplyAsync(() -> caller + " then " + currentName(), CONTINUATIONS);
        }

        @Override
        @PreAuthorize("hasRole('ADMIN')")
        public CompletableFuture<String> secretLater() {
            return CompletableFuture.supplyAsync(() -> "42", CONTINUATIONS);
        }

    }

    @RpcService
    static class LobbyService implements Lobby {

        @Override
        public String hello() {
            return "hello from the lobby, " + currentName();
        }

        @Override
        public String whoAmI() {
            return currentName();
        }

        @Override
        @PreAuthorize("hasRole('ADMIN')")
        public String adminsOnly() {
            return "welcome";
        }

    }

    @RpcService
    static class FrontService implements Front {

        private final Vault vault;

        FrontService(Vault vault) {
            this.vault = vault;
        }

        @Override
        public String whoDoesTheVaultSee() {
            return this.vault.whoAmI();
        }

    }

}
