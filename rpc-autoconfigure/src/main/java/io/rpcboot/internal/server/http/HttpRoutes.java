package io.rpcboot.internal.server.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.server.CallDispatcher;

/**
 * The table of HTTP paths, built once, that holds the exported methods themselves, so
 * that a call is dispatched without another look-up: {@code /{service}/{method}} names a
 * method of an exported interface by its name, or by its method key (for example
 * {@code price(java.lang.String,int)}) when overloads with the same number of parameters
 * share the name. A name shared by overloads with different numbers of parameters is
 * resolved by the number of elements of the JSON array of arguments.
 */
final class HttpRoutes {

    private final Map<String, Service> services;

    /**
     * Builds the table.
     * @param services the exported methods by service name
     */
    HttpRoutes(Map<String, List<CallDispatcher.Method>> services) {
        Map<String, Service> table = new LinkedHashMap<>();
        services.forEach((name, methods) -> table.put(name, new Service(methods)));
        this.services = Collections.unmodifiableMap(table);
    }

    /**
     * Finds the methods a path names.
     * @param path the raw path of the request, without its query
     * @return the service and its methods that the path can mean (more than one only for
     * overloads)
     * @throws HttpFailure {@code 404} when the path names no method
     */
    Target find(String path) {
        int slash = path.indexOf('/', 1);
        if (!path.startsWith("/") || slash < 2 || slash == path.length() - 1 || path.indexOf('/', slash + 1) >= 0) {
            throw HttpFailure.of(RpcStatus.NOT_FOUND,
                    "no resource " + path + "; POST /{service}/{method} calls a method, GET / describes the services, "
                            + "GET /openapi.json gives their OpenAPI document");
        }
        String serviceName = decode(path.substring(1, slash));
        String method = decode(path.substring(slash + 1));
        Service service = this.services.get(serviceName);
        if (service == null) {
            throw HttpFailure.of(RpcStatus.NOT_FOUND, "no service " + serviceName);
        }
        if (method.indexOf('(') >= 0) {
            String key = method.replace(" ", "");
            CallDispatcher.Method exported = service.byKey.get(key);
            if (exported == null) {
                throw HttpFailure.of(RpcStatus.NOT_FOUND, "no method " + key + " in service " + serviceName);
            }
            return new Target(serviceName, method, List.of(exported));
        }
        List<CallDispatcher.Method> overloads = service.byName.get(method);
        if (overloads == null) {
            throw HttpFailure.of(RpcStatus.NOT_FOUND, "no method " + method + " in service " + serviceName);
        }
        return new Target(serviceName, method, overloads);
    }

    /**
     * Returns the services and their methods, each service's sorted by name and key.
     * @return the methods by service name
     */
    Map<String, List<MethodDescriptor>> services() {
        Map<String, List<MethodDescriptor>> services = new LinkedHashMap<>();
        this.services.forEach((name, service) -> services.put(name,
                service.sorted.stream().map(CallDispatcher.Method::descriptor).toList()));
        return services;
    }

    /**
     * Returns the path that calls a method: by its name when no other overload has as
     * many parameters, else by its key, URL-encoded.
     * @param service the service name
     * @param method one of its methods
     * @return the path
     */
    String pathOf(String service, MethodDescriptor method) {
        // the service and method come from services()
        List<CallDispatcher.Method> overloads = Objects
            .requireNonNull(Objects.requireNonNull(this.services.get(service)).byName.get(method.method().getName()));
        long sameCount = overloads.stream()
            .filter((m) -> m.descriptor().parameterCount() == method.parameterCount())
            .count();
        return path(service, (sameCount == 1) ? method.method().getName() : method.key());
    }

    /**
     * Returns the path that calls a method by a name or key, URL-encoded where needed.
     * @param service the service name
     * @param method the method's name or key
     * @return the path
     */
    static String path(String service, String method) {
        return "/" + encode(service) + "/" + encode(method);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                    "path segment '" + segment + "' is not URL-encoded: " + ex.getMessage());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8)
            .replace("%28", "(")
            .replace("%29", ")")
            .replace("%2C", ",")
            .replace("%24", "$");
    }

    /**
     * The methods a path names.
     *
     * @param service the service name
     * @param method the method name or key as the path gives it
     * @param candidates the methods it can mean, at least one
     */
    record Target(String service, String method, List<CallDispatcher.Method> candidates) {

        /**
         * Picks the method to call.
         * @param arguments the JSON array of the arguments
         * @param mapper the mapper that reads it
         * @return the method
         * @throws HttpFailure {@code 400} when the arguments cannot be counted or no
         * single overload takes that many
         */
        CallDispatcher.Method choose(ByteBuf arguments, ObjectMapper mapper) {
            if (this.candidates.size() == 1) {
                return this.candidates.get(0);
            }
            int count = countArguments(arguments, mapper);
            List<CallDispatcher.Method> matching = new ArrayList<>(2);
            for (CallDispatcher.Method candidate : this.candidates) {
                if (candidate.descriptor().parameterCount() == count) {
                    matching.add(candidate);
                }
            }
            if (matching.size() == 1) {
                return matching.get(0);
            }
            if (matching.isEmpty()) {
                throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT, "no overload of " + this.method + " in service "
                        + this.service + " takes " + count + " arguments; overloads: " + keys(this.candidates));
            }
            throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                    this.method + " in service " + this.service + " has " + matching.size() + " overloads that take "
                            + count + " arguments; name one by its key" + " in the path, as in /" + this.service + "/"
                            + matching.get(0).descriptor().key() + ": " + keys(matching));
        }

        private static int countArguments(ByteBuf arguments, ObjectMapper mapper) {
            if (!arguments.isReadable()) {
                return 0;
            }
            try (JsonParser parser = mapper.createParser((InputStream) new ByteBufInputStream(arguments.duplicate()))) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT, "arguments must be a JSON array");
                }
                int count = 0;
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT, "the JSON array of arguments is not closed");
                    }
                    parser.skipChildren();
                    count++;
                }
                return count;
            }
            catch (JacksonException ex) {
                throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                        "arguments are not readable: " + ex.getOriginalMessage());
            }
        }

        private static String keys(List<CallDispatcher.Method> methods) {
            return methods.stream()
                .map((method) -> method.descriptor().key())
                .sorted()
                .collect(Collectors.joining(", "));
        }

    }

    private static final class Service {

        private final Map<String, CallDispatcher.Method> byKey = new LinkedHashMap<>();

        private final Map<String, List<CallDispatcher.Method>> byName = new LinkedHashMap<>();

        private final List<CallDispatcher.Method> sorted;

        Service(List<CallDispatcher.Method> methods) {
            this.sorted = methods.stream()
                .sorted(Comparator.comparing((CallDispatcher.Method m) -> m.descriptor().method().getName())
                    .thenComparing((m) -> m.descriptor().key()))
                .toList();
            for (CallDispatcher.Method method : this.sorted) {
                MethodDescriptor descriptor = method.descriptor();
                this.byKey.put(descriptor.key(), method);
                this.byName.computeIfAbsent(descriptor.method().getName(), (n) -> new ArrayList<>(1)).add(method);
            }
        }

    }

}
