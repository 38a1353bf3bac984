package io.rpcboot.internal.client;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.util.StringUtils;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.RpcEndpointSource;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.protocol.NettyTransport;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.ServiceMethods;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * Creates client proxies and owns what they share: the event loops, the connections to
 * each service, and the executor that completes asynchronous results off the event loops.
 */
public final class RpcClientFactory implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RpcClientFactory.class);

    /**
     * The longest a DNS answer is cached, in seconds: shorter than any lookup interval,
     * so that each lookup asks the DNS server.
     */
    static final int MAX_DNS_TTL_SECONDS = 1;

    private final PayloadCodec codec;

    private final ClientOptions options;

    /** The event loops and the bootstrap of TCP connections, created on first use. */
    private final ClientEventLoops eventLoops;

    private final ExecutorService callbackExecutor;

    /** The client's callbacks on {@link #callbackExecutor}: one batch per read. */
    private final CallbackBatches callbacks;

    private final HashedWheelTimer timer;

    private final Map<String, RemoteService> services = new ConcurrentHashMap<>();

    private final RpcInterceptorChain interceptors;

    private final EndpointOptions endpointOptions;

    private final ScheduledExecutorService lookups;

    private volatile @Nullable DnsNameResolver resolver;

    private @Nullable Bootstrap inProcessBootstrap;

    private volatile @Nullable EventLoopGroup inProcessEventLoops;

    private final RetryListener retryListener;

    /**
     * Creates a factory.
     * @param codec the payload codec
     * @param options settings shared by every service
     */
    public RpcClientFactory(PayloadCodec codec, ClientOptions options) {
        this(codec, options, List.of());
    }

    /**
     * Creates a factory whose clients' calls run through interceptors.
     * @param codec the payload codec
     * @param options settings shared by every service
     * @param interceptors the interceptors, outermost first
     */
    public RpcClientFactory(PayloadCodec codec, ClientOptions options,
            List<? extends RpcClientInterceptor> interceptors) {
        this(codec, options, interceptors, EndpointOptions.DEFAULT, RetryListener.NONE);
    }

    /**
     * Creates a factory whose clients' calls run through interceptors, with the given way
     * of finding and watching endpoints.
     * @param codec the payload codec
     * @param options settings shared by every service
     * @param interceptors the interceptors, outermost first
     * @param endpointOptions how endpoints are looked up and how failing ones are left
     * alone
     */
    public RpcClientFactory(PayloadCodec codec, ClientOptions options,
            List<? extends RpcClientInterceptor> interceptors, EndpointOptions endpointOptions) {
        this(codec, options, interceptors, endpointOptions, RetryListener.NONE);
    }

    /**
     * Creates a factory whose clients' calls run through interceptors, with the given way
     * of finding and watching endpoints, and whose retry decisions are told to a
     * listener.
     * @param codec the payload codec
     * @param options settings shared by every service
     * @param interceptors the interceptors, outermost first
     * @param endpointOptions how endpoints are looked up and how failing ones are left
     * alone
     * @param retryListener what is told of each failed attempt that could be retried
     */
    public RpcClientFactory(PayloadCodec codec, ClientOptions options,
            List<? extends RpcClientInterceptor> interceptors, EndpointOptions endpointOptions,
            RetryListener retryListener) {
        this.endpointOptions = endpointOptions;
        this.retryListener = retryListener;
        ScheduledThreadPoolExecutor lookups = new ScheduledThreadPoolExecutor(1, threads("rpc-client-endpoints"));
        lookups.setRemoveOnCancelPolicy(true);
        this.lookups = lookups;
        this.interceptors = RpcInterceptorChain.of(interceptors);
        this.codec = codec;
        this.options = options;
        this.eventLoops = new ClientEventLoops(threads("rpc-client-io"), options);
        this.callbackExecutor = Executors.newCachedThreadPool(threads("rpc-client-callback"));
        this.callbacks = new CallbackBatches(this.callbackExecutor);
        // deadlines on a wheel with 10 ms ticks: scheduling and cancelling one per call
        // is cheap
        this.timer = new HashedWheelTimer(threads("rpc-client-deadlines"), 10, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates a proxy whose calls go to the given service.
     * @param <T> the interface type
     * @param serviceInterface the service interface
     * @param config where the service is and its default timeout
     * @return the proxy
     * @throws IllegalArgumentException when a method's {@link RpcMethod#timeout()} cannot
     * be read
     */
    public <T> T createClient(Class<T> serviceInterface, RemoteServiceConfig config) {
        return createClient(serviceInterface, config, ServicePolicy.DEFAULT);
    }

    /**
     * Creates a proxy whose calls go to the given service, balanced and retried by the
     * given policy. The first client of a service sets its policy.
     * @param <T> the interface type
     * @param serviceInterface the service interface
     * @param config where the service is and its default timeout
     * @param policy how calls choose an endpoint and when they are retried
     * @return the proxy
     * @throws IllegalArgumentException when a method's {@link RpcMethod#timeout()} cannot
     * be read
     */
    public <T> T createClient(Class<T> serviceInterface, RemoteServiceConfig config, ServicePolicy policy) {
        return createClient(serviceInterface, config, policy, ContractCheckMode.OFF);
    }

    /**
     * Creates a proxy whose calls go to the given service, balanced and retried by the
     * given policy, and whose connections check the server's contract. The first client
     * of a service sets its policy and its check.
     * @param <T> the interface type
     * @param serviceInterface the service interface
     * @param config where the service is and its default timeout
     * @param policy how calls choose an endpoint and when they are retried
     * @param contractCheck what each connection does with the contract check
     * @return the proxy
     * @throws IllegalArgumentException when a method's {@link RpcMethod#timeout()} cannot
     * be read
     */
    public <T> T createClient(Class<T> serviceInterface, RemoteServiceConfig config, ServicePolicy policy,
            ContractCheckMode contractCheck) {
        RemoteService service = this.services.computeIfAbsent(config.name(),
                (name) -> remoteService(config, policy, contractCheck));
        service.addClientInterface(serviceInterface);
        byte[] serviceName = serviceInterface.getName().getBytes(StandardCharsets.UTF_8);
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method method : ServiceMethods.of(serviceInterface)) {
            MethodDescriptor descriptor = this.codec.describe(serviceInterface, method);
            long timeout = timeoutOf(method,
                    descriptor.shape().isStreaming() ? Duration.ZERO : service.config().timeout())
                .toNanos();
            RpcMethod options = method.getAnnotation(RpcMethod.class);
            methods.put(method,
                    new ClientMethod(descriptor, serviceName, service.config().name(), service.connections(), timeout,
                            this.codec, this.callbacks, this.interceptors, options != null && options.idempotent(),
                            service.retries()));
        }
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] { serviceInterface },
                new ClientInvocationHandler(serviceInterface, config.name(), methods));
        return serviceInterface.cast(proxy);
    }

    private RemoteService remoteService(RemoteServiceConfig config, ServicePolicy policy, ContractCheckMode mode) {
        ContractCheck check = (mode != ContractCheckMode.OFF) ? new ContractCheck(config.name(), mode,
                new ContractDescriber(this.codec.mapper()), config.describeMetadata()) : null;
        EndpointGroup group = config.isInProcess() ? inProcessGroup(config, check) : networkGroup(config, check);
        group.start(this.endpointOptions.resolveInterval());
        return new RemoteService(config, group, policy, this.retryListener, this.timer, check);
    }

    private EndpointGroup networkGroup(RemoteServiceConfig config, @Nullable ContractCheck check) {
        ClientOptions options = this.options.withTls(config.tls());
        RpcEndpointSource source = config.source();
        if (source == null) {
            source = new DnsEndpointSource(config.endpoints(), this::resolver);
        }
        return new EndpointGroup(config.name(), source,
                (address, onFailure) -> new Endpoint(address, nameOf(address), this.eventLoops::bootstrap, options,
                        this.codec, this.timer, this.endpointOptions.backoff(), onFailure, check),
                this.lookups);
    }

    /**
     * The endpoints of a service in the same JVM: in-process channels, which have no
     * network to protect, so TLS configured for the service is not used.
     */
    private EndpointGroup inProcessGroup(RemoteServiceConfig config, @Nullable ContractCheck check) {
        if (config.tls() != null) {
            logger.debug("Service '{}' is called in-process ({}): its TLS configuration is not used", config.name(),
                    config.endpoints());
        }
        ClientOptions options = this.options.withTls(null);
        Bootstrap bootstrap = inProcessBootstrap();
        return new EndpointGroup(config.name(), new InProcessEndpointSource(config.endpoints()),
                (key, onFailure) -> Endpoint.inProcess(key, () -> bootstrap, options, this.codec, this.timer,
                        this.endpointOptions.backoff(), onFailure, check),
                this.lookups);
    }

    /**
     * Returns the bootstrap of in-process channels, whose event loops are created with
     * the first in-process service.
     */
    private synchronized Bootstrap inProcessBootstrap() {
        Bootstrap bootstrap = this.inProcessBootstrap;
        if (bootstrap == null) {
            EventLoopGroup group = NettyTransport.inProcessEventLoopGroup(0, threads("rpc-client-in-process"));
            this.inProcessEventLoops = group;
            bootstrap = new Bootstrap().group(group)
                .channel(LocalChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.connectTimeout().toMillis());
            this.inProcessBootstrap = bootstrap;
        }
        return bootstrap;
    }

    private static @Nullable String nameOf(InetSocketAddress address) {
        String host = address.getHostString();
        return (address.getAddress() == null || host.equals(address.getAddress().getHostAddress())) ? null : host;
    }

    /**
     * Returns the DNS resolver, created on first use. It caches an answer for its TTL but
     * never longer than {@link #MAX_DNS_TTL_SECONDS}, so that every periodic lookup and
     * every lookup after a failure sees what the DNS server answers now (Docker's
     * embedded DNS answers with a TTL of 600 seconds).
     */
    private DnsNameResolver resolver() {
        DnsNameResolver resolver = this.resolver;
        if (resolver != null) {
            return resolver;
        }
        synchronized (this) {
            if (this.resolver == null) {
                DnsNameResolverBuilder builder = new DnsNameResolverBuilder(this.eventLoops.group().next())
                    .datagramChannelType("epoll".equals(NettyTransport.name()) ? EpollDatagramChannel.class
                            : NioDatagramChannel.class)
                    .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED)
                    .ttl(0, MAX_DNS_TTL_SECONDS)
                    .negativeTtl(0);
                InetSocketAddress nameServer = this.endpointOptions.nameServer();
                if (nameServer != null) {
                    builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(nameServer))
                        .searchDomains(List.of());
                }
                this.resolver = builder.build();
            }
            return this.resolver;
        }
    }

    /**
     * Looks the endpoints of every service up again soon, for a source that learned of a
     * change (such as Spring Cloud's heartbeat).
     */
    public void refreshEndpoints() {
        this.services.values().forEach(RemoteService::refreshEndpoints);
    }

    /**
     * Returns the services that clients were created for.
     * @return the services
     */
    public Collection<RemoteService> services() {
        return this.services.values();
    }

    /**
     * Daemon threads whose context class loader is rpcboot's, not that of the thread that
     * happens to start them (a web request's, whose class loader a servlet container
     * would then report as leaked on shutdown).
     */
    private static ThreadFactory threads(String prefix) {
        ThreadFactory factory = new DefaultThreadFactory(prefix, true);
        ClassLoader classLoader = RpcClientFactory.class.getClassLoader();
        return (task) -> {
            Thread thread = factory.newThread(task);
            thread.setContextClassLoader(classLoader);
            return thread;
        };
    }

    private static Duration timeoutOf(Method method, Duration serviceTimeout) {
        RpcMethod options = method.getAnnotation(RpcMethod.class);
        if (options == null || !StringUtils.hasText(options.timeout())) {
            return serviceTimeout;
        }
        try {
            return DurationFormatterUtils.detectAndParse(options.timeout());
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("@RpcMethod(timeout = \"" + options.timeout() + "\") on "
                    + method.getDeclaringClass().getName() + "." + method.getName() + " is not a duration", ex);
        }
    }

    /**
     * Closes every connection and stops the event loops.
     */
    @Override
    public void close() {
        this.lookups.shutdownNow();
        this.services.values().forEach(RemoteService::close);
        DnsNameResolver resolver = this.resolver;
        if (resolver != null) {
            resolver.close();
        }
        this.eventLoops.close();
        EventLoopGroup inProcess = this.inProcessEventLoops;
        if (inProcess != null) {
            inProcess.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        this.callbackExecutor.shutdown();
        this.timer.stop();
    }

}
