package io.rpcboot.autoconfigure.actuate;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import io.rpcboot.internal.client.EndpointState;
import io.rpcboot.internal.client.RemoteService;
import io.rpcboot.internal.client.RpcClientFactory;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.MethodShape;
import io.rpcboot.internal.server.RpcServer;

/**
 * Describes a server and clients as plain maps, for the endpoint's and the health
 * contributor's JSON.
 */
final class RpcDescriptions {

    private RpcDescriptions() {
    }

    static Map<String, Object> server(@Nullable RpcServer server) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("running", server != null && server.isRunning());
        if (server == null) {
            return description;
        }
        if (server.listensOnTcp()) {
            description.put("address", server.localAddress().getAddress().getHostAddress());
            description.put("port", server.localAddress().getPort());
        }
        String inProcessName = server.inProcessName();
        if (inProcessName != null) {
            description.put("inProcessName", inProcessName);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        server.services().forEach((name, methods) -> services.put(name, methods(methods)));
        description.put("services", services);
        return description;
    }

    static Map<String, Object> clients(@Nullable RpcClientFactory factory) {
        Map<String, Object> clients = new LinkedHashMap<>();
        if (factory == null) {
            return clients;
        }
        for (RemoteService service : factory.services()) {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("interfaces", service.clientInterfaces().stream().map(Class::getName).sorted().toList());
            description.put("timeout", service.config().timeout().toString());
            description.put("available", service.hasAvailableEndpoint());
            if (service.lookupFailure() != null) {
                description.put("lookupFailure", service.lookupFailure());
            }
            description.put("endpoints", endpoints(service.endpointStates()));
            description.put("contractCheck", contractCheck(service));
            clients.put(service.config().name(), description);
        }
        return clients;
    }

    /**
     * The contract check of a client's service: its mode, and for each endpoint checked,
     * compatible, the incompatible methods with the rules they break, or unknown.
     */
    static Map<String, Object> contractCheck(RemoteService service) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("mode", service.contractCheckMode().name().toLowerCase(Locale.ROOT));
        Map<String, Object> endpoints = new LinkedHashMap<>();
        service.contractCheckResults().forEach((url, result) -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("status", result.status().name().toLowerCase(Locale.ROOT));
            if (!result.incompatibleMethods().isEmpty()) {
                endpoint.put("incompatibleMethods", new TreeMap<>(result.incompatibleMethods()));
            }
            if (result.reason() != null) {
                endpoint.put("reason", result.reason());
            }
            endpoints.put(url, endpoint);
        });
        check.put("endpoints", endpoints);
        return check;
    }

    static List<Map<String, Object>> endpoints(List<EndpointState> states) {
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (EndpointState state : states) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("url", state.address().toString());
            if (state.name() != null) {
                endpoint.put("name", state.name());
            }
            endpoint.put("state", state.state());
            if (state.nextAttemptIn() != null) {
                endpoint.put("nextAttemptInMillis", state.nextAttemptIn().toMillis());
            }
            if (state.payloadFormat() != null) {
                endpoint.put("payloadFormat", state.payloadFormat().displayName());
            }
            if (state.lastFailure() != null) {
                endpoint.put("lastFailure", state.lastFailure());
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    private static List<Map<String, Object>> methods(List<MethodDescriptor> descriptors) {
        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodDescriptor descriptor : descriptors) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", descriptor.method().getName());
            method.put("key", descriptor.key());
            method.put("signature", signature(descriptor));
            String streaming = streaming(descriptor.shape());
            if (streaming != null) {
                method.put("streaming", streaming);
            }
            methods.add(method);
        }
        return methods;
    }

    /**
     * Returns what a method streams: {@code result}, {@code parameter} or
     * {@code bidirectional}; {@code null} for a method that does not stream.
     */
    private static @Nullable String streaming(MethodShape shape) {
        return switch (shape) {
            case RESULT_STREAM -> "result";
            case PARAMETER_STREAM -> "parameter";
            case BIDIRECTIONAL -> "bidirectional";
            default -> null;
        };
    }

    /**
     * Returns a method's signature with its types as the service interface sees them:
     * type variables of generic super-interfaces resolved.
     */
    private static String signature(MethodDescriptor descriptor) {
        Method method = descriptor.method();
        StringBuilder signature = new StringBuilder(MethodDescriptor.typeName(descriptor.returnType())).append(' ')
            .append(method.getName())
            .append('(');
        List<JavaType> parameters = descriptor.parameterTypes();
        for (int i = 0; i < parameters.size(); i++) {
            signature.append((i > 0) ? ", " : "").append(MethodDescriptor.typeName(parameters.get(i)));
        }
        signature.append(')');
        if (method.getExceptionTypes().length > 0) {
            signature.append(" throws ")
                .append(java.util.Arrays.stream(method.getExceptionTypes())
                    .map(Class::getName)
                    .collect(Collectors.joining(", ")));
        }
        return signature.toString();
    }

}
