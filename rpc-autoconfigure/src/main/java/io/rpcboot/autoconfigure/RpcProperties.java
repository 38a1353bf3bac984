package io.rpcboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of rpcboot, under the {@code rpc} prefix.
 */
@ConfigurationProperties("rpc")
public class RpcProperties {

    private final Server server = new Server();

    private final Client client = new Client();

    private final Observation observation = new Observation();

    /**
     * Returns the server's configuration.
     * @return the server properties
     */
    public Server getServer() {
        return this.server;
    }

    /**
     * Returns the client's configuration.
     * @return the client properties
     */
    public Client getClient() {
        return this.client;
    }

    /**
     * Returns the configuration of call observations.
     * @return the observation properties
     */
    public Observation getObservation() {
        return this.observation;
    }

    /**
     * Configuration of the observations of rpcboot calls.
     */
    public static class Observation {

        /**
         * Whether to observe rpcboot calls (timers and spans) when the application has an
         * ObservationRegistry.
         */
        private boolean enabled = true;

        /**
         * Returns whether calls are observed.
         * @return whether calls are observed
         */
        public boolean isEnabled() {
            return this.enabled;
        }

        /**
         * Sets whether calls are observed.
         * @param enabled whether calls are observed
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    /**
     * Configuration of the server that exports '@RpcService' beans.
     */
    public static class Server {

        /**
         * Whether to start the rpcboot server. It starts only when the application has
         * '@RpcService' beans.
         */
        private boolean enabled = true;

        /**
         * Port of the rpcboot server, from -1 to 65535. Use '0' to bind to a free port,
         * published as 'local.rpc.server.port', and '-1' to open no TCP port (with
         * 'rpc.server.in-process.name' the server then serves in-process only).
         */
        private int port = 9090;

        /**
         * Network address the server binds to. All addresses when not set.
         */
        private @Nullable InetAddress address;

        /**
         * Largest request the server reads; larger requests are refused with
         * RESOURCE_EXHAUSTED before they are buffered.
         */
        private DataSize maxMessageSize = DataSize.ofMegabytes(4);

        /**
         * Number of platform threads that run calls. Ignored when virtual threads are
         * enabled ('spring.threads.virtual.enabled' on Java 21 or later).
         */
        private int maxThreads = 200;

        /**
         * Calls that may wait for a thread; calls beyond it are refused with
         * RESOURCE_EXHAUSTED.
         */
        private int maxQueuedCalls = 10_000;

        /**
         * Connections open at once; the server refuses more with a clear close (a GO_AWAY
         * frame naming the limit, or an HTTP 503).
         */
        private int maxConnections = 8192;

        /**
         * How long a new connection may take to show its protocol and, for the binary
         * protocol, send its SETTINGS frame; for HTTP, to send its first whole request.
         * '0' turns it off.
         */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        /**
         * How long a frame or an HTTP request (headers and body) may take to arrive whole
         * once its first bytes have; the connection is closed beyond it. '0' turns it
         * off.
         */
        private Duration messageReadTimeout = Duration.ofSeconds(30);

        /**
         * How long a connection may stay with no call in flight and no request before it
         * is closed (binary clients are told to go away first and reconnect). Keepalive
         * pings do not count. '0' turns it off.
         */
        private Duration idleTimeout = Duration.ofMinutes(5);

        /**
         * Age at which a connection is told to go away and closed once its calls are
         * done, so that clients reconnect and spread over new instances. None when not
         * set.
         */
        private @Nullable Duration maxConnectionAge;

        /**
         * How long the calls of a connection that reached 'max-connection-age' may take
         * before it is closed anyway.
         */
        private Duration maxConnectionAgeGrace = Duration.ofSeconds(30);

        /**
         * Calls in flight on one binary-protocol connection beyond which its new calls
         * are refused with RESOURCE_EXHAUSTED, so that one client cannot take every
         * thread and queue slot; announced to clients in SETTINGS.
         */
        private int maxConcurrentCallsPerConnection = 1000;

        /**
         * Messages of a client's stream that the server grants and has not yet handed to
         * the implementation; the server reads no further ahead of a slow implementation.
         */
        private int streamWindow = 128;

        private final Http http = new Http();

        private final Error error = new Error();

        private final Server.Ssl ssl = new Server.Ssl();

        public Server.Ssl getSsl() {
            return this.ssl;
        }

        private final Security security = new Security();

        private final InProcess inProcess = new InProcess();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public @Nullable InetAddress getAddress() {
            return this.address;
        }

        public void setAddress(@Nullable InetAddress address) {
            this.address = address;
        }

        public DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public int getMaxThreads() {
            return this.maxThreads;
        }

        public void setMaxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
        }

        public int getMaxQueuedCalls() {
            return this.maxQueuedCalls;
        }

        public void setMaxQueuedCalls(int maxQueuedCalls) {
            this.maxQueuedCalls = maxQueuedCalls;
        }

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public Duration getMessageReadTimeout() {
            return this.messageReadTimeout;
        }

        public void setMessageReadTimeout(Duration messageReadTimeout) {
            this.messageReadTimeout = messageReadTimeout;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public @Nullable Duration getMaxConnectionAge() {
            return this.maxConnectionAge;
        }

        public void setMaxConnectionAge(@Nullable Duration maxConnectionAge) {
            this.maxConnectionAge = maxConnectionAge;
        }

        public Duration getMaxConnectionAgeGrace() {
            return this.maxConnectionAgeGrace;
        }

        public void setMaxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
            this.maxConnectionAgeGrace = maxConnectionAgeGrace;
        }

        public int getMaxConcurrentCallsPerConnection() {
            return this.maxConcurrentCallsPerConnection;
        }

        public void setMaxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
            if (maxConcurrentCallsPerConnection < 1) {
                throw new IllegalArgumentException("rpc.server.max-concurrent-calls-per-connection must be at least 1,"
                        + " was " + maxConcurrentCallsPerConnection);
            }
            this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
        }

        public int getStreamWindow() {
            return this.streamWindow;
        }

        public void setStreamWindow(int streamWindow) {
            if (streamWindow < 1) {
                throw new IllegalArgumentException("rpc.server.stream-window must be at least 1, was " + streamWindow);
            }
            this.streamWindow = streamWindow;
        }

        public Http getHttp() {
            return this.http;
        }

        public Error getError() {
            return this.error;
        }

        public Security getSecurity() {
            return this.security;
        }

        public InProcess getInProcess() {
            return this.inProcess;
        }

        /**
         * Serving on an in-JVM channel, for clients in the same JVM (tests, modular
         * monoliths).
         */
        public static class InProcess {

            /**
             * Name of an in-JVM channel the server also serves its services on: the
             * binary protocol without a socket, TLS or HTTP, called with the client URL
             * 'in-process:NAME'. None when not set.
             */
            private @Nullable String name;

            public @Nullable String getName() {
                return this.name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }

        }

        /**
         * Authentication of callers with Spring Security, when it is on the class path.
         */
        public static class Security {

            /**
             * Whether the server authenticates its callers with Spring Security when it
             * is on the class path; when disabled, every call runs without
             * authentication.
             */
            private boolean enabled = true;

            private final X509 x509 = new X509();

            public boolean isEnabled() {
                return this.enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public X509 getX509() {
                return this.x509;
            }

            /**
             * Authentication of calls that carry no credentials by the client certificate
             * their TLS connection verified.
             */
            public static class X509 {

                /**
                 * Whether a call without credentials runs as the user named by the client
                 * certificate of its connection, loaded with the application's
                 * UserDetailsService. Needs 'rpc.server.ssl.client-auth' 'want' or
                 * 'need'.
                 */
                private boolean enabled;

                /**
                 * What names the user in the certificate's subject: 'common-name' (CN) or
                 * 'email-address'. Unused when the application declares an
                 * X509PrincipalExtractor bean.
                 */
                private Principal principal = Principal.COMMON_NAME;

                public boolean isEnabled() {
                    return this.enabled;
                }

                public void setEnabled(boolean enabled) {
                    this.enabled = enabled;
                }

                public Principal getPrincipal() {
                    return this.principal;
                }

                public void setPrincipal(Principal principal) {
                    this.principal = principal;
                }

                /**
                 * The attribute of a certificate's subject that names the user.
                 */
                public enum Principal {

                    /** The common name (CN). */
                    COMMON_NAME,

                    /** The email address (EMAILADDRESS). */
                    EMAIL_ADDRESS

                }

            }

        }

        /**
         * HTTP/1.1 and JSON access on the server's port.
         */
        public static class Http {

            /**
             * Whether the server's port also answers HTTP/1.1 requests with JSON ('POST
             * /{service}/{method}', 'GET /'). When disabled, connections that speak HTTP
             * are closed.
             */
            private boolean enabled = true;

            public boolean isEnabled() {
                return this.enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

        }

        /**
         * TLS on the server's port, from a Spring Boot SSL bundle.
         */
        public static class Ssl {

            /**
             * Name of the SSL bundle ('spring.ssl.bundle.*') whose key and certificate
             * the server presents; when set, the port speaks TLS only, binary and
             * HTTP/JSON alike.
             */
            private @Nullable String bundle;

            /**
             * Whether clients must present a certificate that the bundle's trust material
             * accepts: 'none', 'want' (checked when presented) or 'need' (mutual TLS).
             */
            private ClientAuth clientAuth = ClientAuth.NONE;

            public @Nullable String getBundle() {
                return this.bundle;
            }

            public void setBundle(@Nullable String bundle) {
                this.bundle = bundle;
            }

            public ClientAuth getClientAuth() {
                return this.clientAuth;
            }

            public void setClientAuth(ClientAuth clientAuth) {
                this.clientAuth = clientAuth;
            }

            /**
             * Whether the server asks clients for a certificate.
             */
            public enum ClientAuth {

                /** It does not ask. */
                NONE,

                /** It asks, and checks a certificate the client presents. */
                WANT,

                /** It requires one: a client without a trusted certificate is refused. */
                NEED

            }

        }

        /**
         * What the caller learns of a call that failed with an exception.
         */
        // public API, named after rpc.server.error
        @SuppressWarnings("JavaLangClash")
        public static class Error {

            /**
             * When to send the message of an exception the method does not declare; its
             * type is always named, a declared exception always carries its message, and
             * stack traces are never sent.
             */
            private IncludeMessage includeMessage = IncludeMessage.NEVER;

            public IncludeMessage getIncludeMessage() {
                return this.includeMessage;
            }

            public void setIncludeMessage(IncludeMessage includeMessage) {
                this.includeMessage = includeMessage;
            }

            /**
             * When to send the message of an exception the method does not declare.
             */
            public enum IncludeMessage {

                /**
                 * Never: such messages may reveal internals (queries, keys, file names).
                 */
                NEVER,

                /**
                 * Always.
                 */
                ALWAYS

            }

        }

    }

    /**
     * Configuration of the clients of {@code @RpcClient} interfaces.
     */
    public static class Client {

        /**
         * Default timeout of every call, unless the service or the method sets its own.
         */
        private Duration timeout = Duration.ofSeconds(10);

        /**
         * Largest response a client reads; larger responses fail the call with
         * RESOURCE_EXHAUSTED.
         */
        private DataSize maxMessageSize = DataSize.ofMegabytes(4);

        /**
         * How long to wait for a connection to an endpoint and its handshake.
         */
        private Duration connectTimeout = Duration.ofSeconds(3);

        /**
         * Messages of a result stream that the client grants the server and has not yet
         * delivered to the subscriber; the server's implementation runs no further ahead
         * of a slow subscriber.
         */
        private int streamWindow = 128;

        /**
         * Format of the payloads on the binary protocol: 'smile' (binary, smaller and
         * faster) or 'json'. Used with every server that reads it; a server that does not
         * is sent JSON. Responses come in the format of their request. HTTP/JSON calls
         * are not affected.
         */
        private PayloadFormat payloadFormat = PayloadFormat.SMILE;

        /**
         * What each connection does with the server's description of the services it
         * calls: 'warn' (one WARN line per method incompatible with the server, naming
         * the rule broken), 'fail' (calls to those methods fail at once with NOT_FOUND,
         * unsent) or 'off' (the server is not asked).
         */
        private ContractCheck contractCheck = ContractCheck.WARN;

        /**
         * How often each service's endpoints are looked up again: host names in 'urls'
         * re-resolved through DNS, a DiscoveryClient asked again. A connection that fails
         * or closes also triggers a lookup, at most once a second.
         */
        private Duration resolveInterval = Duration.ofSeconds(10);

        /**
         * Remote services by the name used in '@RpcClient(name = ...)'.
         */
        private final Map<String, Service> services = new LinkedHashMap<>();

        private final Keepalive keepalive = new Keepalive();

        private final Retry retry = new Retry();

        private final Ejection ejection = new Ejection();

        private final Client.Ssl ssl = new Client.Ssl();

        public Client.Ssl getSsl() {
            return this.ssl;
        }

        public Keepalive getKeepalive() {
            return this.keepalive;
        }

        public Retry getRetry() {
            return this.retry;
        }

        public Ejection getEjection() {
            return this.ejection;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public DataSize getMaxMessageSize() {
            return this.maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public int getStreamWindow() {
            return this.streamWindow;
        }

        public void setStreamWindow(int streamWindow) {
            if (streamWindow < 1) {
                throw new IllegalArgumentException("rpc.client.stream-window must be at least 1, was " + streamWindow);
            }
            this.streamWindow = streamWindow;
        }

        public PayloadFormat getPayloadFormat() {
            return this.payloadFormat;
        }

        public void setPayloadFormat(PayloadFormat payloadFormat) {
            this.payloadFormat = payloadFormat;
        }

        public Map<String, Service> getServices() {
            return this.services;
        }

        public Duration getResolveInterval() {
            return this.resolveInterval;
        }

        public void setResolveInterval(Duration resolveInterval) {
            this.resolveInterval = resolveInterval;
        }

        /**
         * TLS towards every service, unless a service sets its own.
         */
        public static class Ssl {

            /**
             * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust material checks
             * the servers' certificates (and whose key, if any, is the client's
             * certificate for mutual TLS); when set, every service is called over TLS.
             */
            private @Nullable String bundle;

            /**
             * Whether a server's certificate must name the host of the endpoint's URL, as
             * HTTPS clients check.
             */
            private boolean verifyHostname = true;

            public @Nullable String getBundle() {
                return this.bundle;
            }

            public void setBundle(@Nullable String bundle) {
                this.bundle = bundle;
            }

            public boolean isVerifyHostname() {
                return this.verifyHostname;
            }

            public void setVerifyHostname(boolean verifyHostname) {
                this.verifyHostname = verifyHostname;
            }

        }

        public ContractCheck getContractCheck() {
            return this.contractCheck;
        }

        public void setContractCheck(ContractCheck contractCheck) {
            this.contractCheck = contractCheck;
        }

        /**
         * What a client does with the contract check of its connections.
         */
        public enum ContractCheck {

            /** One WARN line per method incompatible with the server; calls are sent. */
            WARN,

            /** Calls to methods incompatible with the server fail with NOT_FOUND. */
            FAIL,

            /** No check. */
            OFF

        }

        /**
         * The payload formats of the binary protocol.
         */
        public enum PayloadFormat {

            /** Smile, binary JSON: smaller and faster. */
            SMILE,

            /** JSON text. */
            JSON

        }

    }

    /**
     * Keepalive of client connections: a server that stays silent while calls wait for it
     * is pinged, and declared dead when it does not answer.
     */
    public static class Keepalive {

        /**
         * How long a connection with calls waiting may stay silent before the client
         * pings the server.
         */
        private Duration interval = Duration.ofSeconds(5);

        /**
         * How long to wait for the answer to a ping before closing the connection and
         * failing its calls with UNAVAILABLE.
         */
        private Duration timeout = Duration.ofSeconds(5);

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

    }

    /**
     * Retries of calls: a call that provably never reached application code is sent to
     * another endpoint whatever its method; other failures are retried only for
     * '@RpcMethod(idempotent = true)'.
     */
    public static class Retry {

        /**
         * Most attempts of an idempotent call after failures that may have reached a
         * server ('1' retries none of them).
         */
        private int maxAttempts = 3;

        /**
         * Retries allowed per service, as a ratio of its calls over the last 10 seconds
         * (from 0 to 1), plus 'min-retries-per-second'.
         */
        private double budget = 0.2;

        /**
         * Retries per second that the budget of each service allows whatever its calls,
         * so that a client that makes few calls can still retry ('0': only the ratio).
         */
        private int minRetriesPerSecond = 10;

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public double getBudget() {
            return this.budget;
        }

        public void setBudget(double budget) {
            this.budget = budget;
        }

        public int getMinRetriesPerSecond() {
            return this.minRetriesPerSecond;
        }

        public void setMinRetriesPerSecond(int minRetriesPerSecond) {
            this.minRetriesPerSecond = minRetriesPerSecond;
        }

    }

    /**
     * Ejection of endpoints that refuse or drop connections: no call and no connection
     * attempt goes to them until their backoff elapses.
     */
    public static class Ejection {

        /**
         * How long an endpoint is left alone after its first failure; doubled after each
         * failure in a row, up to 'max-backoff' (each delay ±20%).
         */
        private Duration initialBackoff = Duration.ofSeconds(1);

        /**
         * Longest time an endpoint that keeps failing is left alone.
         */
        private Duration maxBackoff = Duration.ofSeconds(30);

        public Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

    }

    /**
     * Retries of calls to one service.
     */
    public static class ServiceRetry {

        /**
         * Most attempts of an idempotent call to this service after failures that may
         * have reached a server. Defaults to 'rpc.client.retry.max-attempts'.
         */
        private @Nullable Integer maxAttempts;

        public @Nullable Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

    }

    /**
     * Configuration of one remote service.
     */
    public static class Service {

        /**
         * Endpoints of the service, each 'rpc://host:port'.
         */
        private List<String> urls = new ArrayList<>();

        /**
         * Timeout of calls to this service. Defaults to 'rpc.client.timeout'.
         */
        private @Nullable Duration timeout;

        /**
         * Service id under which a Spring Cloud DiscoveryClient knows the service, used
         * when 'urls' is empty. Defaults to the service's name.
         */
        private @Nullable String serviceId;

        /**
         * How calls are spread over the endpoints: 'least-requests' (of two endpoints
         * drawn at random, the one with fewer calls in flight) or 'round-robin'.
         */
        private LoadBalancing loadBalancing = LoadBalancing.LEAST_REQUESTS;

        /**
         * What each connection to this service does with the server's description of it:
         * 'warn', 'fail' or 'off'. Defaults to 'rpc.client.contract-check'.
         */
        private Client.@Nullable ContractCheck contractCheck;

        private final ServiceRetry retry = new ServiceRetry();

        public Client.@Nullable ContractCheck getContractCheck() {
            return this.contractCheck;
        }

        public void setContractCheck(Client.@Nullable ContractCheck contractCheck) {
            this.contractCheck = contractCheck;
        }

        public LoadBalancing getLoadBalancing() {
            return this.loadBalancing;
        }

        public void setLoadBalancing(LoadBalancing loadBalancing) {
            this.loadBalancing = loadBalancing;
        }

        public ServiceRetry getRetry() {
            return this.retry;
        }

        private final Service.Ssl ssl = new Service.Ssl();

        public Service.Ssl getSsl() {
            return this.ssl;
        }

        private final Auth auth = new Auth();

        public List<String> getUrls() {
            return this.urls;
        }

        public void setUrls(List<String> urls) {
            this.urls = urls;
        }

        public @Nullable Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        public @Nullable String getServiceId() {
            return this.serviceId;
        }

        public void setServiceId(@Nullable String serviceId) {
            this.serviceId = serviceId;
        }

        /**
         * How calls are spread over a service's endpoints.
         */
        public enum LoadBalancing {

            /**
             * Of two endpoints drawn at random, the one with fewer calls in flight.
             */
            LEAST_REQUESTS,

            /** Each endpoint in turn. */
            ROUND_ROBIN

        }

        /**
         * TLS towards this service.
         */
        public static class Ssl {

            /**
             * Name of the SSL bundle ('spring.ssl.bundle.*') used to call this service
             * over TLS. Defaults to 'rpc.client.ssl.bundle'.
             */
            private @Nullable String bundle;

            /**
             * Whether this service's certificates must name the host of its URLs.
             * Defaults to 'rpc.client.ssl.verify-hostname'.
             */
            private @Nullable Boolean verifyHostname;

            public @Nullable String getBundle() {
                return this.bundle;
            }

            public void setBundle(@Nullable String bundle) {
                this.bundle = bundle;
            }

            public @Nullable Boolean getVerifyHostname() {
                return this.verifyHostname;
            }

            public void setVerifyHostname(@Nullable Boolean verifyHostname) {
                this.verifyHostname = verifyHostname;

            }

        }

        public Auth getAuth() {
            return this.auth;
        }

        /**
         * Credentials sent with the calls to one service, as the 'authorization'
         * metadata. At most one of 'basic', 'bearer-token' and 'relay-bearer-token'.
         */
        public static class Auth {

            private final Basic basic = new Basic();

            /**
             * Bearer token sent with every call to this service.
             */
            private @Nullable String bearerToken;

            /**
             * Whether calls made while serving a call forward the bearer token that call
             * came with, so that a user's token reaches the next service of a chain.
             */
            private boolean relayBearerToken;

            public Basic getBasic() {
                return this.basic;
            }

            public @Nullable String getBearerToken() {
                return this.bearerToken;
            }

            public void setBearerToken(@Nullable String bearerToken) {
                this.bearerToken = bearerToken;
            }

            public boolean isRelayBearerToken() {
                return this.relayBearerToken;
            }

            public void setRelayBearerToken(boolean relayBearerToken) {
                this.relayBearerToken = relayBearerToken;
            }

            /**
             * HTTP Basic credentials.
             */
            public static class Basic {

                /**
                 * User name sent with every call to this service (HTTP Basic).
                 */
                private @Nullable String username;

                /**
                 * Password sent with every call to this service (HTTP Basic).
                 */
                private @Nullable String password;

                public @Nullable String getUsername() {
                    return this.username;
                }

                public void setUsername(@Nullable String username) {
                    this.username = username;
                }

                public @Nullable String getPassword() {
                    return this.password;
                }

                public void setPassword(@Nullable String password) {
                    this.password = password;
                }

            }

        }

    }

}
