package io.rpcboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcCall;
import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcContext;

/**
 * The credentials configured per service ({@code rpc.client.services.<name>.auth.*}),
 * checked at start-up, and the client interceptor that sends them as the
 * {@code authorization} metadata of the calls to their service. The header values are
 * built once; a call only looks its service up. An {@code authorization} entry the
 * application attached itself ({@code RpcMetadata.attach}) is left as it is.
 */
final class RpcClientCredentials {

    private static final String AUTHORIZATION = "authorization";

    private static final String BEARER = "Bearer ";

    private final Map<String, Credential> byService;

    private final Map<String, Credential> byInterface = new ConcurrentHashMap<>();

    private RpcClientCredentials(Map<String, Credential> byService) {
        this.byService = byService;
    }

    /**
     * Reads and checks the credentials of every configured service.
     * @param client the client properties
     * @return the credentials
     * @throws IllegalStateException naming the property when a service's credentials are
     * incomplete or contradict each other
     */
    static RpcClientCredentials of(RpcProperties.Client client) {
        Map<String, Credential> byService = new LinkedHashMap<>();
        client.getServices().forEach((name, service) -> {
            Credential credential = credentialOf("rpc.client.services." + name + ".auth", service.getAuth());
            if (credential != null) {
                byService.put(name, credential);
            }
        });
        return new RpcClientCredentials(Map.copyOf(byService));
    }

    private static @Nullable Credential credentialOf(String prefix, RpcProperties.Service.Auth auth) {
        String username = auth.getBasic().getUsername();
        String password = auth.getBasic().getPassword();
        String token = auth.getBearerToken();
        boolean basic = username != null || password != null;
        if (auth.isRelayBearerToken()) {
            if (basic || token != null) {
                throw new IllegalStateException(prefix + ".relay-bearer-token cannot be combined with " + prefix
                        + (basic ? ".basic.*" : ".bearer-token") + ": a call sends one set of credentials");
            }
            return Credential.RELAY;
        }
        if (basic && token != null) {
            throw new IllegalStateException(prefix + ".bearer-token and " + prefix
                    + ".basic.* are both set: a call sends one set of credentials");
        }
        if (token != null) {
            if (token.isBlank()) {
                throw new IllegalStateException(prefix + ".bearer-token must not be empty");
            }
            return new Credential(BEARER + token.strip());
        }
        if (!basic) {
            return null;
        }
        if (username == null || username.isEmpty()) {
            throw new IllegalStateException(prefix + ".basic.username must be set with " + prefix + ".basic.password");
        }
        if (password == null) {
            throw new IllegalStateException(prefix + ".basic.password must be set with " + prefix + ".basic.username");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalStateException(prefix + ".basic.username must not contain ':' (HTTP Basic, RFC 7617)");
        }
        String encoded = Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credential("Basic " + encoded);
    }

    /**
     * Returns whether no service has credentials: then no interceptor is needed.
     * @return whether there are none
     */
    boolean isEmpty() {
        return this.byService.isEmpty();
    }

    /**
     * Records that an interface's calls go to a service, so that they carry its
     * credentials.
     * @param clientInterface the client interface
     * @param serviceName the logical service name
     */
    void register(Class<?> clientInterface, String serviceName) {
        Credential credential = this.byService.get(serviceName);
        if (credential != null) {
            this.byInterface.put(clientInterface.getName(), credential);
        }
    }

    /**
     * Returns the metadata of the DESCRIBE the contract check of a service sends: its
     * fixed credentials; none for a relayed token, which exists only while a call is
     * served.
     * @param serviceName the logical service name
     * @return the metadata, empty for none
     */
    Map<String, String> describeMetadata(String serviceName) {
        Credential credential = this.byService.get(serviceName);
        String value = (credential != null && credential != Credential.RELAY) ? credential.value() : null;
        return (value != null) ? Map.of(AUTHORIZATION, value) : Map.of();
    }

    /**
     * Returns the interceptor that adds the credentials to calls.
     * @return the interceptor
     */
    RpcClientInterceptor interceptor() {
        return (call, next) -> {
            addTo(call);
            return next.proceed();
        };
    }

    private void addTo(RpcCall call) {
        Credential credential = this.byInterface.get(call.service());
        if (credential != null) {
            String value = credential.value();
            if (value != null) {
                call.requestMetadata().putIfAbsent(AUTHORIZATION, value);
            }
        }
    }

    @Override
    public String toString() {
        return "RpcClientCredentials for " + this.byService.keySet(); // never the secrets
    }

    /**
     * The {@code authorization} value of one service: fixed, or relayed from the call
     * being served.
     */
    private static final class Credential {

        static final Credential RELAY = new Credential(null);

        private final @Nullable String fixed;

        Credential(@Nullable String fixed) {
            this.fixed = fixed;
        }

        @Nullable String value() {
            if (this != RELAY) {
                return this.fixed;
            }
            RpcContext served = RpcContext.current();
            if (served == null) {
                return null;
            }
            String incoming = served.requestMetadata().get(AUTHORIZATION);
            return (incoming != null && incoming.regionMatches(true, 0, BEARER, 0, BEARER.length())) ? incoming : null;
        }

        @Override
        public String toString() {
            return (this == RELAY) ? "relay" : "fixed"; // never the secret
        }

    }

}
