package io.rpcboot.autoconfigure.security;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcException;
import io.rpcboot.RpcServerInterceptor;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.server.http.HttpAuthentication;

/**
 * Authenticates the {@code authorization} metadata of every call (over HTTP, the
 * {@code Authorization} header) with Spring Security's {@link AuthenticationManager}, and
 * runs the rest of the call with that {@link SecurityContext} on the thread that runs the
 * method, clearing it when the call returns, so that method security sees the caller and
 * no later task of the pool does. Runs on the server's call thread, after the transport's
 * limits on metadata and before the arguments are read: a refused call costs no
 * deserialization. Access denied by method security becomes {@code PERMISSION_DENIED}
 * ({@code UNAUTHENTICATED} for an anonymous caller), as Spring Security's web requests
 * answer 403 and 401.
 */
final class RpcAuthenticationInterceptor implements RpcServerInterceptor, HttpAuthentication, Ordered {

    /**
     * The order of the interceptor: inside the observation of the call (so that refused
     * calls are observed), outside the application's interceptors (so that they see the
     * caller).
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

    private static final Logger logger = LoggerFactory.getLogger(RpcAuthenticationInterceptor.class);

    private static final String AUTHORIZATION = "authorization";

    private static final String BASIC = "Basic ";

    private static final String BEARER = "Bearer ";

    private static final String DESCRIPTION = "the description of the services";

    private final AuthenticationManager authenticationManager;

    private final SecurityContextHolderStrategy contexts;

    private final RpcAuthorizationRules rules;

    private final String challenge;

    private final Authentication anonymous;

    /** Authentication by client certificate, {@code null} when it is off. */
    private final @Nullable X509Callers certificates;

    /**
     * The rule of each method by service: a method of a shared super-interface belongs to
     * every service that extends it, each with its own rule.
     */
    private final Map<String, Map<Method, Boolean>> permitted = new ConcurrentHashMap<>();

    RpcAuthenticationInterceptor(AuthenticationManager authenticationManager, SecurityContextHolderStrategy contexts,
            RpcAuthorizationRules rules, String challenge) {
        this(authenticationManager, contexts, rules, challenge, null);
    }

    RpcAuthenticationInterceptor(AuthenticationManager authenticationManager, SecurityContextHolderStrategy contexts,
            RpcAuthorizationRules rules, String challenge, @Nullable X509Callers certificates) {
        this.certificates = certificates;
        this.authenticationManager = authenticationManager;
        this.contexts = contexts;
        this.rules = rules;
        this.challenge = challenge;
        this.anonymous = new AnonymousAuthenticationToken(UUID.randomUUID().toString(), "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public @Nullable Object intercept(RpcCall call, Invocation next) throws Throwable {
        String credentials = call.requestMetadata().get(AUTHORIZATION);
        Authentication authentication;
        if (credentials != null) {
            authentication = authenticate(credentials, call);
        }
        else {
            Authentication user = (this.certificates != null) ? certificateUser(this.certificates, call) : null;
            if (user != null) {
                authentication = user;
            }
            else if (permitsAll(call)) {
                authentication = this.anonymous;
            }
            else {
                throw new RpcException(RpcStatus.UNAUTHENTICATED,
                        call + " needs credentials ('authorization' metadata)");
            }
        }
        SecurityContext context = this.contexts.createEmptyContext();
        context.setAuthentication(authentication);
        this.contexts.setContext(context);
        try {
            Object result = next.proceed();
            return (result instanceof CompletableFuture<?> future) ? translated(future, authentication, call) : result;
        }
        catch (AccessDeniedException | AuthenticationException ex) {
            throw translate(ex, authentication, call);
        }
        finally {
            this.contexts.clearContext();
        }
    }

    /**
     * Checks a request for the description of the services (DESCRIBE, {@code GET /},
     * {@code GET /openapi.json}): it needs an authenticated caller, as a call does,
     * unless the rules permit the description; any authenticated caller may read all of
     * it.
     */
    @Override
    public void checkDescription(Map<String, String> metadata) {
        String credentials = metadata.get(AUTHORIZATION);
        if (credentials != null) {
            authenticate(credentials, DESCRIPTION);
        }
        else if (!this.rules.permitsDescription()) {
            throw new RpcException(RpcStatus.UNAUTHENTICATED,
                    "the description of the services needs credentials ('authorization' metadata)");
        }
    }

    @Override
    public String challenge() {
        return this.challenge;
    }

    private boolean permitsAll(RpcCall call) {
        Map<Method, Boolean> byMethod = this.permitted.get(call.service());
        if (byMethod == null) {
            byMethod = this.permitted.computeIfAbsent(call.service(), (service) -> new ConcurrentHashMap<>());
        }
        Boolean permit = byMethod.get(call.method());
        if (permit == null) {
            permit = this.rules.permitsAll(call.service(), call.method());
            byMethod.put(call.method(), permit);
        }
        return permit;
    }

    /**
     * Authenticates the user of the connection's client certificate, as Spring Security's
     * X.509 filter does: a certificate that names no known user leaves the call
     * unauthenticated (a permitted method then runs anonymously).
     */
    private @Nullable Authentication certificateUser(X509Callers certificates, RpcCall call) {
        Authentication result;
        try {
            Authentication request = certificates.authenticationRequest(call);
            if (request == null) {
                return null;
            }
            result = certificates.authenticate(request);
        }
        catch (AuthenticationServiceException ex) {
            logger.warn("Could not check the client certificate of a call to {}: {}", call, ex.getMessage());
            throw new RpcException(RpcStatus.UNAVAILABLE, "the credentials could not be checked");
        }
        catch (AuthenticationException ex) {
            logger.debug("Refused the client certificate of a call to {}: {}", call, ex.getMessage());
            if (permitsAll(call)) {
                return null;
            }
            throw new RpcException(RpcStatus.UNAUTHENTICATED, "the client certificate was not accepted");
        }
        return (result != null && result.isAuthenticated()) ? result : null;
    }

    private Authentication authenticate(String credentials, Object what) {
        Authentication request = authenticationRequest(credentials, what);
        Authentication result;
        try {
            result = this.authenticationManager.authenticate(request);
        }
        catch (AuthenticationServiceException ex) {
            logger.warn("Could not check the credentials of a call to {}: {}", what, ex.getMessage());
            throw new RpcException(RpcStatus.UNAVAILABLE, "the credentials could not be checked");
        }
        catch (AuthenticationException ex) {
            logger.debug("Refused the credentials of a call to {}: {}", what, ex.getMessage());
            throw new RpcException(RpcStatus.UNAUTHENTICATED, "the credentials were not accepted");
        }
        if (result == null || !result.isAuthenticated()) {
            throw new RpcException(RpcStatus.UNAUTHENTICATED, "the credentials were not accepted");
        }
        return result;
    }

    private static Authentication authenticationRequest(String credentials, Object what) {
        if (credentials.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(credentials.substring(BASIC.length()).trim());
        }
        if (credentials.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = credentials.substring(BEARER.length()).trim();
            if (token.isEmpty() || !BearerTokens.SUPPORTED) {
                throw new RpcException(RpcStatus.UNAUTHENTICATED, token.isEmpty() ? "the bearer token is empty"
                        : "bearer tokens are not accepted (spring-security-oauth2-resource-server is missing)");
            }
            return BearerTokens.authenticationRequest(token);
        }
        throw new RpcException(RpcStatus.UNAUTHENTICATED,
                "the 'authorization' metadata of a call to " + what + " must use the Basic or Bearer scheme");
    }

    private static Authentication basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw new RpcException(RpcStatus.UNAUTHENTICATED, "the Basic credentials are not valid Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new RpcException(RpcStatus.UNAUTHENTICATED, "the Basic credentials have no ':' after the user name");
        }
        return UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
                decoded.substring(colon + 1));
    }

    private RpcException translate(RuntimeException failure, Authentication authentication, RpcCall call) {
        if (failure instanceof AccessDeniedException && authentication != this.anonymous) {
            return new RpcException(RpcStatus.PERMISSION_DENIED, "access to " + call + " is denied");
        }
        return new RpcException(RpcStatus.UNAUTHENTICATED, call + " needs credentials ('authorization' metadata)");
    }

    /**
     * The result of an asynchronous method, whose method security may fail it later: the
     * same outcome, with access denied translated; a cancel reaches the method's own
     * future.
     */
    // whenComplete as a listener: the callback handles the outcome
    @SuppressWarnings("FutureReturnValueIgnored")
    private CompletableFuture<Object> translated(CompletableFuture<?> future, Authentication authentication,
            RpcCall call) {
        CompletableFuture<Object> translated = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                future.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                translated.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            translated.completeExceptionally(
                    (cause instanceof AccessDeniedException || cause instanceof AuthenticationException)
                            ? translate((RuntimeException) cause, authentication, call) : cause);
        });
        return translated;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

}
