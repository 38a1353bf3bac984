package io.rpcboot.autoconfigure.security;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.util.ClassUtils;

/**
 * Bearer tokens, when spring-security-oauth2-resource-server (and its JOSE support) is on
 * the class path: the only class that names its types, so that the rest runs without it.
 */
final class BearerTokens {

    /** Whether bearer tokens can be read: the resource server's classes are present. */
    static final boolean SUPPORTED = ClassUtils.isPresent(
            "org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken",
            BearerTokens.class.getClassLoader());

    private static final boolean JWT = SUPPORTED && ClassUtils
        .isPresent("org.springframework.security.oauth2.jwt.JwtDecoder", BearerTokens.class.getClassLoader());

    private BearerTokens() {
    }

    static Authentication authenticationRequest(String token) {
        return new BearerTokenAuthenticationToken(token);
    }

    /**
     * Returns the provider that checks JWTs with the application's {@code JwtDecoder}
     * (and its {@code JwtAuthenticationConverter}, when it declares one).
     * @param beans the application's beans
     * @return the provider, or {@code null} without a unique decoder
     */
    static @Nullable AuthenticationProvider jwtProvider(ListableBeanFactory beans) {
        if (!JWT) {
            return null;
        }
        JwtDecoder decoder = beans.getBeanProvider(JwtDecoder.class).getIfUnique();
        if (decoder == null) {
            return null;
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        JwtAuthenticationConverter converter = beans.getBeanProvider(JwtAuthenticationConverter.class).getIfUnique();
        if (converter != null) {
            provider.setJwtAuthenticationConverter(converter);
        }
        return provider;
    }

}
