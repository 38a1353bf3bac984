package io.rpcboot.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns Spring Boot SSL bundles into the Netty TLS contexts of the rpc server and
 * clients, with the JDK's TLS provider. Each context is a supplier that follows its
 * bundle: when the bundle reloads (a PEM or key store file changed and
 * {@code reload-on-update} is on), the next connection gets a context of the new
 * material; connections already open keep theirs.
 */
final class RpcSslContexts {

    private static final Logger logger = LoggerFactory.getLogger(RpcSslContexts.class);

    /** Host name verification as HTTPS clients do it (RFC 2818). */
    private static final String HTTPS_IDENTIFICATION = "HTTPS";

    private final @Nullable SslBundles bundles;

    private final Map<String, Supplier<SslContext>> clientContexts = new ConcurrentHashMap<>();

    /**
     * Creates the contexts of an application.
     * @param bundles the application's SSL bundles, {@code null} when it has none
     */
    RpcSslContexts(@Nullable SslBundles bundles) {
        this.bundles = bundles;
    }

    /**
     * Returns the server's TLS context, following its bundle.
     * @param bundle the bundle's name
     * @param clientAuth whether client certificates are asked for
     * @return the supplier of the current context
     * @throws IllegalStateException naming {@code rpc.server.ssl.bundle} when the bundle
     * is missing or unusable
     */
    Supplier<SslContext> server(String bundle, ClientAuth clientAuth) {
        return following("rpc.server.ssl.bundle", bundle, (ssl) -> server(ssl, clientAuth));
    }

    /**
     * Returns a client TLS context, following its bundle; services that name the same
     * bundle share it.
     * @param property the property that names the bundle, for error messages
     * @param bundle the bundle's name
     * @param verifyHostname whether the server's certificate must name the host the
     * client connects to
     * @return the supplier of the current context
     * @throws IllegalStateException naming the property when the bundle is missing or
     * unusable
     */
    Supplier<SslContext> client(String property, String bundle, boolean verifyHostname) {
        String key = bundle + (verifyHostname ? "" : " without host name verification");
        Supplier<SslContext> context = this.clientContexts.get(key);
        if (context == null) {
            context = following(property, bundle, (ssl) -> client(ssl, verifyHostname));
            this.clientContexts.put(key, context);
        }
        return context;
    }

    private Supplier<SslContext> following(String property, String name, Function<SslBundle, SslContext> factory) {
        SslBundles bundles = this.bundles;
        if (bundles == null) {
            throw new IllegalStateException(property + " names the SSL bundle '" + name
                    + "', but the application has no SSL bundles (Spring Boot's SslAutoConfiguration is off)");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new IllegalStateException(property + " names the SSL bundle '" + name
                    + "', which does not exist: configure it under spring.ssl.bundle.pem." + name
                    + " or spring.ssl.bundle.jks." + name, ex);
        }
        AtomicReference<SslContext> current = new AtomicReference<>(create(property, name, bundle, factory));
        bundles.addBundleUpdateHandler(name, (updated) -> {
            try {
                current.set(factory.apply(updated));
                logger.info("SSL bundle '{}' reloaded: new rpc connections use its new material", name);
            }
            catch (RuntimeException ex) {
                logger.warn("SSL bundle '{}' reloaded, but its new material is unusable ({}); new rpc connections"
                        + " keep using the previous material", name, ex.getMessage());
            }
        });
        return current::get;
    }

    private static SslContext create(String property, String name, SslBundle bundle,
            Function<SslBundle, SslContext> factory) {
        try {
            return factory.apply(bundle);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException(
                    property + " names the SSL bundle '" + name + "', which cannot be used: " + ex.getMessage(), ex);
        }
    }

    private static SslContext server(SslBundle bundle, ClientAuth clientAuth) {
        SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
            .trustManager(bundle.getManagers().getTrustManagerFactory())
            .clientAuth(clientAuth);
        return build(builder, bundle);
    }

    private static SslContext client(SslBundle bundle, boolean verifyHostname) {
        SslContextBuilder builder = SslContextBuilder.forClient()
            .endpointIdentificationAlgorithm(verifyHostname ? HTTPS_IDENTIFICATION : null)
            .keyManager(bundle.getManagers().getKeyManagerFactory())
            .trustManager(bundle.getManagers().getTrustManagerFactory());
        return build(builder, bundle);
    }

    private static SslContext build(SslContextBuilder builder, SslBundle bundle) {
        SslOptions options = bundle.getOptions();
        if (options.getCiphers() != null) {
            builder.ciphers(SslOptions.asSet(options.getCiphers()));
        }
        if (options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        try {
            return builder.sslProvider(SslProvider.JDK).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

}
