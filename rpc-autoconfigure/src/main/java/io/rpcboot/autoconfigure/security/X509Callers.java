package io.rpcboot.autoconfigure.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

import io.rpcboot.RpcCall;
import io.rpcboot.internal.protocol.InterceptedCall;

/**
 * Authentication of callers by the certificate their TLS connection verified, as Spring
 * Security's {@code http.x509()} does for web requests: the certificate's principal (by
 * default the common name of its subject) is loaded with the application's
 * {@link UserDetailsService}, whose authorities the call then runs with. Only calls
 * without credentials of their own are authenticated this way. Loaded only when
 * spring-security-web, which has Spring Security's X.509 support, is on the class path.
 */
final class X509Callers {

    /**
     * Where a session keeps the principal of its client's certificate, read once per
     * session rather than per call.
     */
    private static final String SUBJECT = X509Callers.class.getName() + ".subject";

    /** What a session keeps when its client presented no certificate. */
    private static final Object NO_CERTIFICATE = new Object();

    private final X509PrincipalExtractor principals;

    private final AuthenticationManager users;

    private X509Callers(X509PrincipalExtractor principals, UserDetailsService users) {
        this.principals = principals;
        PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
        provider.setPreAuthenticatedUserDetailsService(new UserDetailsByNameServiceWrapper<>(users));
        this.users = new ProviderManager(List.of(provider));
    }

    /**
     * Creates the X.509 authentication of an application.
     * @param principals the application's extractor of principals, {@code null} for the
     * subject's common name (or its email address)
     * @param fromEmail whether the default extractor takes the subject's email address
     * instead of its common name
     * @param users the application's users
     * @return the authentication
     */
    static X509Callers of(@Nullable Object principals, boolean fromEmail, UserDetailsService users) {
        if (principals instanceof X509PrincipalExtractor extractor) {
            return new X509Callers(extractor, users);
        }
        SubjectX500PrincipalExtractor extractor = new SubjectX500PrincipalExtractor();
        extractor.setExtractPrincipalNameFromEmail(fromEmail);
        return new X509Callers(extractor, users);
    }

    /**
     * Returns the class of the application's extractor of principals, to look it up.
     * @return {@link X509PrincipalExtractor}
     */
    static Class<?> extractorType() {
        return X509PrincipalExtractor.class;
    }

    /**
     * Returns the authentication request of the certificate that the call's connection
     * verified.
     * @param call the call
     * @return the request, {@code null} when the connection is not TLS or the client
     * presented no certificate
     * @throws org.springframework.security.core.AuthenticationException when no principal
     * can be read from the certificate
     */
    @Nullable Authentication authenticationRequest(RpcCall call) {
        SSLSession session = (call instanceof InterceptedCall intercepted) ? intercepted.tlsSession() : null;
        if (session == null) {
            return null;
        }
        Object known = session.getValue(SUBJECT);
        if (known == null) {
            known = subject(session);
            session.putValue(SUBJECT, known);
        }
        return (known instanceof Subject subject)
                ? new PreAuthenticatedAuthenticationToken(subject.principal(), subject.certificate()) : null;
    }

    /**
     * Reads the principal of a session's client certificate, once per session.
     * @return the {@link Subject}, or {@link #NO_CERTIFICATE}
     */
    private Object subject(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        }
        catch (SSLPeerUnverifiedException ex) {
            return NO_CERTIFICATE; // 'want', and the client presented none
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return NO_CERTIFICATE;
        }
        return new Subject(this.principals.extractPrincipal(certificate), certificate);
    }

    /** The principal of a verified client certificate. */
    private record Subject(Object principal, X509Certificate certificate) {
    }

    /**
     * Loads the user of an authentication request.
     * @param request a request from {@link #authenticationRequest}
     * @return the authenticated user
     * @throws org.springframework.security.core.AuthenticationException when the user is
     * unknown, disabled or locked
     */
    Authentication authenticate(Authentication request) {
        return this.users.authenticate(request);
    }

}
