package io.rpcboot.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A server application and, optionally, a client application pointed at it, started once
 * for a test class and closed after it: clients first, then the server, and whatever
 * started when start-up fails part way. Register it in a static field:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
 *     .serverProperties("rpc.server.max-threads=1")
 *     .client("bank", AutoConfiguredApplication.class, ClientApp.class)
 *     .clientProperties("rpc.client.timeout=5s");
 * </pre>
 *
 * The applications are running before the class's {@code @BeforeAll} methods and its
 * instances' field initialisers, so that
 * {@code private final Bank bank = pair.clientBean(Bank.class);} works.
 */
public final class RpcPair implements BeforeAllCallback, AfterAllCallback {

    private final Class<?>[] serverConfiguration;

    private String[] serverProperties = {};

    private @Nullable String service;

    private Class<?>[] clientConfiguration = {};

    private String[] clientProperties = {};

    private @Nullable String startedBy;

    private @Nullable ConfigurableApplicationContext server;

    private final List<ConfigurableApplicationContext> clients = new ArrayList<>();

    private RpcPair(Class<?>[] serverConfiguration) {
        this.serverConfiguration = serverConfiguration;
    }

    /**
     * Describes the server application of a pair.
     * @param configuration the server application's configuration classes
     * @return a pair with that server and no client yet
     */
    public static RpcPair server(Class<?>... configuration) {
        return new RpcPair(configuration);
    }

    /**
     * Sets extra properties of the server application.
     * @param properties the properties, {@code key=value}
     * @return this pair
     */
    public RpcPair serverProperties(String... properties) {
        this.serverProperties = properties;
        return this;
    }

    /**
     * Describes the client application of the pair, whose clients of the named service
     * call the server.
     * @param service the service name used in {@code @RpcClient(name = ...)}
     * @param configuration the client application's configuration classes
     * @return this pair
     */
    public RpcPair client(String service, Class<?>... configuration) {
        this.service = service;
        this.clientConfiguration = configuration;
        return this;
    }

    /**
     * Sets extra properties of the client application; a property given here replaces the
     * one that points the client at the server.
     * @param properties the properties, {@code key=value}
     * @return this pair
     */
    public RpcPair clientProperties(String... properties) {
        this.clientProperties = properties;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (this.startedBy != null) {
            return; // a nested class: the enclosing class's applications serve it
        }
        this.startedBy = context.getUniqueId();
        try {
            this.server = RpcApplications.server(this.serverConfiguration, this.serverProperties);
            if (this.service != null) {
                startClient();
            }
        }
        catch (RuntimeException | Error ex) {
            stop(ex);
            throw ex;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!context.getUniqueId().equals(this.startedBy)) {
            return;
        }
        Throwable failure = stop(null);
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /**
     * Returns the running server application.
     * @return the server's context
     */
    public ConfigurableApplicationContext server() {
        ConfigurableApplicationContext running = this.server;
        if (running == null) {
            throw new IllegalStateException("the server is not running: register the pair in a static field");
        }
        return running;
    }

    /**
     * Returns the port the server listens on.
     * @return the port
     */
    public int port() {
        return RpcApplications.port(server());
    }

    /**
     * Returns a bean of the server application.
     * @param <T> the bean's type
     * @param type the bean's type
     * @return the bean
     */
    public <T> T serverBean(Class<T> type) {
        return server().getBean(type);
    }

    /**
     * Returns the running client application described with
     * {@link #client(String, Class...)}.
     * @return the client's context
     */
    public ConfigurableApplicationContext client() {
        if (this.service == null || this.clients.isEmpty()) {
            throw new IllegalStateException("the pair has no running client");
        }
        return this.clients.get(0);
    }

    /**
     * Returns a bean of the client application, such as the proxy of an
     * {@code @RpcClient} interface.
     * @param <T> the bean's type
     * @param type the bean's type
     * @return the bean
     */
    public <T> T clientBean(Class<T> type) {
        return client().getBean(type);
    }

    /**
     * Starts another client application with the configuration of the pair's client,
     * pointed at the server; it is closed with the pair unless the caller closes it
     * first.
     * @param properties extra properties, after the client properties of the pair; a
     * property given here replaces one of those, or the one that points the client at the
     * server
     * @return the running context
     */
    public ConfigurableApplicationContext startClient(String... properties) {
        String name = this.service;
        if (name == null) {
            throw new IllegalStateException("the pair has no client: describe it with client(service, ...)");
        }
        String[] all = new String[this.clientProperties.length + properties.length];
        System.arraycopy(this.clientProperties, 0, all, 0, this.clientProperties.length);
        System.arraycopy(properties, 0, all, this.clientProperties.length, properties.length);
        ConfigurableApplicationContext client = RpcApplications.client(server(), name, this.clientConfiguration, all);
        this.clients.add(client);
        return client;
    }

    private @Nullable Throwable stop(@Nullable Throwable failure) {
        List<AutoCloseable> closing = new ArrayList<>();
        for (int i = this.clients.size() - 1; i >= 0; i--) {
            closing.add(this.clients.get(i));
        }
        if (this.server != null) {
            closing.add(this.server);
        }
        Throwable first = failure;
        for (AutoCloseable application : closing) {
            try {
                application.close();
            }
            catch (Exception | Error ex) {
                if (first == null) {
                    first = ex;
                }
                else {
                    first.addSuppressed(ex);
                }
            }
        }
        this.clients.clear();
        this.server = null;
        this.startedBy = null;
        return first;
    }

}
