package io.rpcboot.support;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client application whose clients of one service call a {@link RawServer}, on which
 * the test plays the server's part: both started once for a test class and closed after
 * it, the client first. Register it in a static field, before a {@link LeakCheck} if any:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static final RawServerClient client = RawServerClient.of("quotes", AutoConfiguredApplication.class, ClientApp.class);
 * </pre>
 */
public final class RawServerClient implements BeforeAllCallback, AfterAllCallback {

    private final String service;

    private final Class<?>[] configuration;

    private @Nullable String startedBy;

    private @Nullable RawServer server;

    private @Nullable ConfigurableApplicationContext client;

    private RawServerClient(String service, Class<?>[] configuration) {
        this.service = service;
        this.configuration = configuration;
    }

    /**
     * Describes the client application.
     * @param service the service name used in {@code @RpcClient(name = ...)}
     * @param configuration the client application's configuration classes
     * @return the extension
     */
    public static RawServerClient of(String service, Class<?>... configuration) {
        return new RawServerClient(service, configuration);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (this.startedBy != null) {
            return; // a nested class: the enclosing class's applications serve it
        }
        this.startedBy = context.getUniqueId();
        RawServer started = new RawServer();
        this.server = started;
        try {
            this.client = new SpringApplicationBuilder(this.configuration).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off",
                        "rpc.client.services." + this.service + ".urls=" + started.url())
                .run();
        }
        catch (RuntimeException | Error ex) {
            stop();
            throw ex;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(this.startedBy)) {
            stop();
        }
    }

    /**
     * Returns the server the client calls.
     * @return the raw server
     */
    public RawServer server() {
        return Objects.requireNonNull(this.server, "the client is not running");
    }

    /**
     * Returns a bean of the client application.
     * @param <T> the bean's type
     * @param type the bean's type
     * @return the bean
     */
    public <T> T bean(Class<T> type) {
        return Objects.requireNonNull(this.client, "the client is not running").getBean(type);
    }

    private void stop() {
        ConfigurableApplicationContext running = this.client;
        RawServer raw = this.server;
        this.client = null;
        this.server = null;
        this.startedBy = null;
        try {
            if (running != null) {
                running.close();
            }
        }
        finally {
            if (raw != null) {
                raw.close();
            }
        }
    }

}
