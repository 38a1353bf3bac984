package io.rpcboot.internal.server.http;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.MethodShape;

/**
 * The answer to {@code GET /}: every exported service with each of its methods (name,
 * key, the path that calls it, parameters, result and declared exceptions), Java types by
 * their generic names as the service interface sees them (type variables of generic
 * super-interfaces resolved), each with a JSON Schema sketch of its JSON form, object
 * types under {@code $defs}.
 */
final class ServiceDescription {

    private final HttpRoutes routes;

    private final ObjectMapper mapper;

    private final JsonSchemas schemas;

    ServiceDescription(HttpRoutes routes, ObjectMapper mapper) {
        this.routes = routes;
        this.mapper = mapper;
        this.schemas = new JsonSchemas(mapper);
    }

    /**
     * Writes the description.
     * @return the JSON bytes
     */
    byte[] write() {
        ObjectNode root = this.mapper.createObjectNode();
        ArrayNode services = root.putArray("services");
        this.routes.services().forEach((name, methods) -> services.add(describe(name, methods)));
        if (!this.schemas.definitions().isEmpty()) {
            root.set("$defs", this.schemas.definitions());
        }
        return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private ObjectNode describe(String service, List<MethodDescriptor> methods) {
        ObjectNode node = this.mapper.createObjectNode().put("name", service);
        ArrayNode list = node.putArray("methods");
        methods.forEach((method) -> list.add(describe(service, method)));
        return node;
    }

    private ObjectNode describe(String service, MethodDescriptor descriptor) {
        Method method = descriptor.method();
        ObjectNode node = this.mapper.createObjectNode()
            .put("name", method.getName())
            .put("key", descriptor.key())
            .put("path", this.routes.pathOf(service, descriptor));
        String streaming = streaming(descriptor.shape());
        if (streaming != null) {
            node.put("streaming", streaming);
        }
        ArrayNode parameters = node.putArray("parameters");
        Parameter[] declared = method.getParameters();
        List<JavaType> types = descriptor.parameterTypes();
        for (int i = 0; i < types.size(); i++) {
            ObjectNode parameter = parameters.addObject();
            if (declared[i].isNamePresent()) {
                parameter.put("name", declared[i].getName());
            }
            parameter.put("type", MethodDescriptor.typeName(types.get(i)))
                .set("schema", (i == descriptor.streamParameter()) ? this.schemas.streamSchemaOf(descriptor)
                        : this.schemas.schemaOf(types.get(i)));
        }
        ObjectNode returns = node.putObject("returns").put("type", MethodDescriptor.typeName(descriptor.returnType()));
        JavaType resultType = descriptor.resultType();
        if (!resultType.hasRawClass(void.class) && !resultType.hasRawClass(Void.class)) {
            returns.set("schema", this.schemas.schemaOf(resultType));
        }
        if (descriptor.shape().streamsResults()) {
            returns.put("contentType", "application/x-ndjson");
        }
        ArrayNode exceptions = node.putArray("exceptions");
        for (Class<?> exception : method.getExceptionTypes()) {
            exceptions.add(exception.getName());
        }
        return node;
    }

    /**
     * Returns what a method streams, as {@code GET /} names it: {@code result},
     * {@code parameter} or {@code bidirectional}; {@code null} for a method that does not
     * stream (a {@code Mono} result is one JSON value).
     * @param shape the method's shape
     * @return the name, or {@code null}
     */
    static @Nullable String streaming(MethodShape shape) {
        return switch (shape) {
            case RESULT_STREAM -> "result";
            case PARAMETER_STREAM -> "parameter";
            case BIDIRECTIONAL -> "bidirectional";
            default -> null;
        };
    }

}
