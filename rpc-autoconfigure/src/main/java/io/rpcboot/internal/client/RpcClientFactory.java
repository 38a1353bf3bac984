package io.rpcboot.internal.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.util.StringUtils;

import io.rpcboot.RpcClientInterceptor;
import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.internal.protocol.NettyTransport;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.RpcInterceptorChain;

/**
 * Creates client proxies and owns what they share: the event loops, the connections to
 * each service, and the executor that completes asynchronous results off the event loops.
 */
public final class RpcClientFactory implements AutoCloseable {

    private final PayloadCodec codec;

    private final ClientOptions options;

    private final EventLoopGroup eventLoops;

    private final Bootstrap bootstrap;

    private final ExecutorService callbackExecutor;

    private final HashedWheelTimer timer;

    private final Map<String, RemoteService> services = new ConcurrentHashMap<>();

    private final RpcInterceptorChain interceptors;

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
        this.interceptors = RpcInterceptorChain.of(interceptors);
        this.codec = codec;
        this.options = options;
        this.eventLoops = NettyTransport.eventLoopGroup(0, threads("rpc-client-io"));
        this.bootstrap = new Bootstrap().group(this.eventLoops)
            .channel(NettyTransport.channelType())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis());
        this.callbackExecutor = Executors.newCachedThreadPool(threads("rpc-client-callback"));
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
        RemoteService service = this.services.computeIfAbsent(config.name(), (name) -> new RemoteService(config,
                this.bootstrap, this.options.withTls(config.tls()), this.codec, this.timer));
        service.addClientInterface(serviceInterface);
        byte[] serviceName = serviceInterface.getName().getBytes(StandardCharsets.UTF_8);
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method method : serviceInterface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            long timeout = timeoutOf(method, service.config().timeout()).toNanos();
            methods.put(method,
                    new ClientMethod(this.codec.describe(serviceInterface, method), serviceName,
                            service.config().name(), service::connection, timeout, this.codec, this.callbackExecutor,
                            this.interceptors));
        }
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] { serviceInterface },
                new ClientInvocationHandler(serviceInterface, config.name(), methods));
        return serviceInterface.cast(proxy);
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
        this.services.values().forEach(RemoteService::close);
        this.eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        this.callbackExecutor.shutdown();
        this.timer.stop();
    }

}
