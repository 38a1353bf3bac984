package io.rpcboot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the port the rpcboot server listens on as the environment property
 * {@code local.rpc.server.port}, in its context and every parent, as Spring Boot
 * publishes {@code local.server.port}; nothing when the server opens no TCP port.
 */
final class RpcServerPortInfoListener implements ApplicationListener<RpcServerInitializedEvent> {

    static final String PORT_PROPERTY = "local.rpc.server.port";

    private static final String PROPERTY_SOURCE = "rpc.server.ports";

    private final ApplicationContext context;

    RpcServerPortInfoListener(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(RpcServerInitializedEvent event) {
        if (!event.getServer().listensOnTcp()) {
            return; // rpc.server.port=-1: no port to publish
        }
        int port = event.getServer().localAddress().getPort();
        for (ApplicationContext context = this.context; context != null; context = context.getParent()) {
            if (context.getEnvironment() instanceof ConfigurableEnvironment environment) {
                publish(environment.getPropertySources(), port);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void publish(MutablePropertySources sources, int port) {
        PropertySource<?> source = sources.get(PROPERTY_SOURCE);
        if (source == null) {
            source = new MapPropertySource(PROPERTY_SOURCE, new HashMap<>());
            sources.addFirst(source);
        }
        ((Map<String, Object>) source.getSource()).put(PORT_PROPERTY, port);
    }

}
