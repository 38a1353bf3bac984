package io.rpcboot.autoconfigure.security;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.ClassUtils;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.RpcProperties;
import io.rpcboot.autoconfigure.RpcServerAutoConfiguration;

/**
 * Authentication of the rpc server's callers with Spring Security, when it is on the
 * class path and {@code rpc.server.security.enabled} is not false: the application's
 * {@link AuthenticationManager} when it declares one, else HTTP Basic through its
 * {@link UserDetailsService} (with its {@link PasswordEncoder}) and bearer JWTs through
 * its {@code JwtDecoder}. Every call needs credentials unless an
 * {@link RpcSecurityCustomizer} permits it, or {@code rpc.server.security.x509.enabled}
 * lets the client certificate of its mutual TLS connection name the user (loaded with the
 * {@link UserDetailsService}). An application that exports services but declares none of
 * these beans fails to start, naming them: a server that silently let everyone in, or
 * refused everyone, would be a surprise found in production.
 */
@AutoConfiguration(before = RpcServerAutoConfiguration.class, afterName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnClass(AuthenticationManager.class)
@ConditionalOnBooleanProperty(name = { "rpc.server.enabled", "rpc.server.security.enabled" }, matchIfMissing = true)
public final class RpcSecurityAutoConfiguration {

    /** Whether spring-security-web, which has the X.509 support, is on the class path. */
    private static final boolean X509_SUPPORTED = ClassUtils.isPresent(
            "org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor",
            RpcSecurityAutoConfiguration.class.getClassLoader());

    @Bean
    @ConditionalOnMissingBean
    RpcAuthenticationInterceptor rpcAuthenticationInterceptor(ListableBeanFactory beans,
            ObjectProvider<AuthenticationManager> authenticationManager,
            ObjectProvider<UserDetailsService> userDetailsService, ObjectProvider<PasswordEncoder> passwordEncoder,
            ObjectProvider<SecurityContextHolderStrategy> contextHolderStrategy,
            ObjectProvider<RpcSecurityCustomizer> customizers, ObjectProvider<RpcProperties> properties) {
        X509Callers certificates = certificates(beans, properties.getIfAvailable(RpcProperties::new),
                userDetailsService);
        RpcAuthorizationRules rules = new RpcAuthorizationRules();
        customizers.orderedStream().forEach((customizer) -> customizer.customize(rules));
        SecurityContextHolderStrategy contexts = contextHolderStrategy
            .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        AuthenticationManager manager = authenticationManager.getIfUnique();
        if (manager != null) {
            return new RpcAuthenticationInterceptor(manager, contexts, rules,
                    BearerTokens.SUPPORTED ? "Basic realm=\"rpc\", Bearer" : "Basic realm=\"rpc\"", certificates);
        }
        List<AuthenticationProvider> providers = new ArrayList<>(2);
        List<String> challenges = new ArrayList<>(2);
        UserDetailsService users = userDetailsService.getIfUnique();
        if (users != null) {
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
            passwordEncoder.ifUnique(provider::setPasswordEncoder);
            providers.add(provider);
            challenges.add("Basic realm=\"rpc\"");
        }
        AuthenticationProvider jwt = BearerTokens.jwtProvider(beans);
        if (jwt != null) {
            providers.add(jwt);
            challenges.add("Bearer");
        }
        if (providers.isEmpty() && beans.getBeanNamesForAnnotation(RpcService.class).length > 0) {
            throw new IllegalStateException("Spring Security is on the class path, so the rpc server authenticates"
                    + " its callers, but the application declares no AuthenticationManager, UserDetailsService or"
                    + " JwtDecoder bean to check their credentials with. Declare one (for example with"
                    + " spring.security.user.name and .password, or"
                    + " spring.security.oauth2.resourceserver.jwt.public-key-location), or set"
                    + " rpc.server.security.enabled=false to serve calls without authentication");
        }
        AuthenticationManager built = new ProviderManager(providers.isEmpty() ? List.of(new RefuseAll()) : providers);
        return new RpcAuthenticationInterceptor(built, contexts, rules,
                challenges.isEmpty() ? "Basic realm=\"rpc\"" : String.join(", ", challenges), certificates);
    }

    /**
     * The authentication of calls by client certificate, when
     * {@code rpc.server.security.x509.enabled}: checked here, so that a server that could
     * never see a certificate, or load its user, fails to start.
     */
    private static @Nullable X509Callers certificates(ListableBeanFactory beans, RpcProperties properties,
            ObjectProvider<UserDetailsService> userDetailsService) {
        RpcProperties.Server server = properties.getServer();
        RpcProperties.Server.Security.X509 x509 = server.getSecurity().getX509();
        if (!x509.isEnabled()) {
            return null;
        }
        if (!X509_SUPPORTED) {
            throw new IllegalStateException("rpc.server.security.x509.enabled=true needs spring-security-web on the"
                    + " class path: it has Spring Security's X.509 support");
        }
        if (server.getSsl().getBundle() == null
                || server.getSsl().getClientAuth() == RpcProperties.Server.Ssl.ClientAuth.NONE) {
            throw new IllegalStateException("rpc.server.security.x509.enabled=true needs client certificates: set"
                    + " rpc.server.ssl.bundle and rpc.server.ssl.client-auth=need (or want)");
        }
        UserDetailsService users = userDetailsService.getIfUnique();
        if (users == null) {
            throw new IllegalStateException("rpc.server.security.x509.enabled=true needs one UserDetailsService bean"
                    + " to load the users that client certificates name");
        }
        Object extractor = beans.getBeanProvider(X509Callers.extractorType()).getIfUnique();
        return X509Callers.of(extractor,
                x509.getPrincipal() == RpcProperties.Server.Security.X509.Principal.EMAIL_ADDRESS, users);
    }

    /** The provider of a context that exports no service: it checks nothing. */
    private static final class RefuseAll implements AuthenticationProvider {

        @Override
        public org.springframework.security.core.Authentication authenticate(
                org.springframework.security.core.Authentication authentication) {
            throw new org.springframework.security.authentication.ProviderNotFoundException("no credentials accepted");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }

    }

}
