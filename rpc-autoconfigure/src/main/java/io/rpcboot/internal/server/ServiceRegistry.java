package io.rpcboot.internal.server;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadCodec;
import io.rpcboot.internal.protocol.ServiceMethods;

/**
 * The immutable table of exported methods, by service name and method key, built once at
 * start-up. Only the abstract methods of exported interfaces are in it, never
 * {@code Object}'s.
 */
public final class ServiceRegistry {

    private final Map<String, Map<String, ServerMethod>> services;

    private final ServiceDescriptions descriptions;

    /**
     * Builds the table.
     * @param exported the implementations to call by the interfaces they export, each an
     * interface that its implementation implements
     * @param codec the payload codec that describes their methods
     */
    public ServiceRegistry(Map<Class<?>, Object> exported, PayloadCodec codec) {
        Map<String, Map<String, ServerMethod>> table = new LinkedHashMap<>();
        Map<String, Class<?>> interfaces = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, Object> service : exported.entrySet()) {
            Class<?> serviceInterface = service.getKey();
            String name = serviceInterface.getName();
            if (table.containsKey(name)) {
                throw new IllegalStateException("Service " + name + " is exported twice");
            }
            Map<String, ServerMethod> methods = new LinkedHashMap<>();
            for (Method method : ServiceMethods.of(serviceInterface)) {
                MethodDescriptor descriptor = codec.describe(serviceInterface, method);
                methods.put(descriptor.key(), new ServerMethod(descriptor, service.getValue()));
            }
            table.put(name, Collections.unmodifiableMap(methods));
            interfaces.put(name, serviceInterface);
        }
        this.services = Collections.unmodifiableMap(table);
        this.descriptions = new ServiceDescriptions(interfaces, codec.mapper());
    }

    /**
     * Returns the exported services and the descriptors of their methods.
     * @return method descriptors by service name
     */
    Map<String, List<MethodDescriptor>> describe() {
        Map<String, List<MethodDescriptor>> description = new LinkedHashMap<>();
        this.services.forEach((name, methods) -> description.put(name,
                methods.values().stream().map(ServerMethod::descriptor).toList()));
        return description;
    }

    /**
     * Returns the contracts of the exported services, as DESCRIBE frames ask for them.
     * @return the descriptions
     */
    ServiceDescriptions descriptions() {
        return this.descriptions;
    }

    @Nullable ServerMethod find(String service, String method) {
        Map<String, ServerMethod> methods = this.services.get(service);
        return (methods != null) ? methods.get(method) : null;
    }

    boolean hasService(String service) {
        return this.services.containsKey(service);
    }

}
