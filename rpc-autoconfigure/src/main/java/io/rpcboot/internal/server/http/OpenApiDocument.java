package io.rpcboot.internal.server.http;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.MethodDescriptor;

/**
 * The answer to {@code GET /openapi.json}: an OpenAPI 3.1 document of the HTTP/JSON face
 * of every exported method. Each method is a {@code POST} operation on the path that
 * calls it ({@code /{service}/{method}}, or {@code /{service}/{key}} for every overload
 * of an overloaded name), tagged with its service; its request body is the JSON array of
 * its arguments ({@code prefixItems} with each parameter's schema, as many items as it
 * has parameters); its responses are its result ({@code 200}, or {@code 204} for
 * {@code void}), its declared exceptions ({@code 422}, named in the description and in
 * {@code x-rpc-declared-exceptions}) and the error statuses of the HTTP face, each with
 * the error body {@code {"status", "message", "exception"}}. Schemas are precise
 * {@link JsonSchemas} of the application's mapper, object types under
 * {@code components/schemas}.
 */
final class OpenApiDocument {

    /** The name of the error body's schema. */
    static final String ERROR = "RpcError";

    private static final String COMPONENTS = "#/components/";

    private static final String JSON = "application/json";

    /** The error answers of every operation, by HTTP status. */
    private static final List<ErrorResponse> ERROR_RESPONSES = List.of(
            new ErrorResponse("400", "BadRequest",
                    "INVALID_ARGUMENT: the body is not a JSON array of the method's arguments, an argument has the "
                            + "wrong type, a primitive is null, or a header is unreadable"),
            new ErrorResponse("401", "Unauthorized", "UNAUTHENTICATED: credentials are missing or wrong"),
            new ErrorResponse("403", "Forbidden", "PERMISSION_DENIED: the caller may not call the method"),
            new ErrorResponse("404", "NotFound", "NOT_FOUND: the server does not export the service or method"),
            new ErrorResponse("413", "PayloadTooLarge",
                    "RESOURCE_EXHAUSTED: the body is larger than the server accepts"),
            new ErrorResponse("415", "UnsupportedMediaType",
                    "INVALID_ARGUMENT: the request's Content-Type is not application/json"),
            new ErrorResponse("429", "TooManyRequests", "RESOURCE_EXHAUSTED: the server's call queue is full"),
            new ErrorResponse("500", "InternalServerError",
                    "APPLICATION_ERROR (an exception the method does not declare), INTERNAL or CANCELLED"),
            new ErrorResponse("503", "ServiceUnavailable", "UNAVAILABLE: the server is shutting down"),
            new ErrorResponse("504", "GatewayTimeout",
                    "DEADLINE_EXCEEDED: the deadline of the rpc-timeout or x-rpc-timeout-ms header passed"));

    private final HttpRoutes routes;

    private final ObjectMapper mapper;

    private final @Nullable String challenge;

    private final ComponentNames names = new ComponentNames(ERROR);

    private final JsonSchemas schemas;

    /**
     * Prepares the document.
     * @param routes the exported methods
     * @param mapper the mapper that reads arguments and writes results
     * @param challenge the {@code WWW-Authenticate} challenge of the server's {@code 401}
     * answers, which names the credentials it takes, {@code null} when it authenticates
     * nobody
     */
    OpenApiDocument(HttpRoutes routes, ObjectMapper mapper, @Nullable String challenge) {
        this.routes = routes;
        this.mapper = mapper;
        this.challenge = challenge;
        this.schemas = JsonSchemas.forOpenApi(mapper, this.names::nameOf);
    }

    /**
     * Writes the document.
     * @return its JSON bytes
     */
    byte[] write() {
        ObjectNode root = this.mapper.createObjectNode().put("openapi", "3.1.0");
        root.putObject("info")
            .put("title", "rpcboot services")
            .put("version", "1")
            .put("description", "The HTTP/JSON face of the services this server exports: POST the JSON array of a "
                    + "method's arguments to its path. Deadlines: the rpc-timeout header (500ms, 2s, PT0.5S) or "
                    + "x-rpc-timeout-ms; other headers reach the call as its metadata.");
        Map<String, List<MethodDescriptor>> services = this.routes.services();
        Map<String, String> tags = tags(services.keySet());
        ArrayNode tagList = root.putArray("tags");
        tags.forEach((service, tag) -> tagList.addObject().put("name", tag).put("description", service));
        ObjectNode paths = root.putObject("paths");
        Set<String> operationIds = new HashSet<>();
        services.forEach((service, methods) -> {
            Set<String> overloaded = overloadedNames(methods);
            for (MethodDescriptor method : methods) {
                String name = method.method().getName();
                boolean byKey = overloaded.contains(name);
                String path = byKey ? HttpRoutes.path(service, method.key()) : this.routes.pathOf(service, method);
                String tag = Objects.requireNonNull(tags.get(service));
                paths.putObject(path)
                    .set("post", operation(service, tag, method, operationId(operationIds, tag, method, byKey)));
            }
        });
        ObjectNode components = root.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.setAll(this.schemas.definitions());
        schemas.set(ERROR, errorSchema());
        ObjectNode responses = components.putObject("responses");
        for (ErrorResponse error : ERROR_RESPONSES) {
            responses.set(error.name(), errorResponse(error.description()));
        }
        if (this.challenge != null) {
            security(root, components, this.challenge);
        }
        return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private ObjectNode operation(String service, String tag, MethodDescriptor descriptor, String operationId) {
        Method method = descriptor.method();
        ObjectNode operation = this.mapper.createObjectNode();
        operation.putArray("tags").add(tag);
        operation.put("operationId", operationId)
            .put("summary", method.getName())
            .put("description", "Calls " + service + "." + descriptor.key() + ".");
        if (method.isAnnotationPresent(Deprecated.class)) {
            operation.put("deprecated", true);
        }
        operation.put("x-rpc-service", service).put("x-rpc-method-key", descriptor.key());
        List<String> exceptions = Arrays.stream(method.getExceptionTypes()).map(Class::getName).toList();
        if (!exceptions.isEmpty()) {
            ArrayNode declared = operation.putArray("x-rpc-declared-exceptions");
            exceptions.forEach(declared::add);
        }
        operation.putObject("requestBody")
            .put("required", descriptor.parameterCount() > 0)
            .put("description",
                    descriptor.shape().streamsParameter()
                            ? "The JSON array of the arguments, one element per parameter, in order; the stream "
                                    + "parameter's element is the JSON array of the stream's elements"
                            : "The JSON array of the arguments, one element per parameter, in order")
            .putObject("content")
            .putObject(JSON)
            .set("schema", arguments(descriptor));
        ObjectNode responses = operation.putObject("responses");
        JavaType result = descriptor.resultType();
        if (result.hasRawClass(void.class) || result.hasRawClass(Void.class)) {
            responses.putObject("204").put("description", "The method returned");
        }
        else if (descriptor.shape().streamsResults()) {
            streamResponse(responses, result);
        }
        else {
            ObjectNode schema = this.schemas.schemaOf(result);
            schema.put("x-java-type", MethodDescriptor.typeName(descriptor.returnType()));
            responses.putObject("200")
                .put("description", "The method's result")
                .putObject("content")
                .putObject(JSON)
                .set("schema", schema);
        }
        for (ErrorResponse error : ERROR_RESPONSES) {
            if (error.status().equals("429") && !exceptions.isEmpty()) {
                responses.set("422", errorResponse("APPLICATION_ERROR with exception naming the declared exception "
                        + "thrown: " + String.join(", ", exceptions)));
            }
            responses.putObject(error.status()).put("$ref", COMPONENTS + "responses/" + error.name());
        }
        return operation;
    }

    /**
     * Describes a result stream: NDJSON whose lines each match the element's schema
     * (OpenAPI 3.1 gives the schema of a sequential media type's items as its schema), or
     * server-sent events whose {@code data} is such a line.
     */
    private void streamResponse(ObjectNode responses, JavaType element) {
        ObjectNode schema = this.schemas.schemaOf(element);
        schema.put("x-java-type", MethodDescriptor.typeName(element));
        ObjectNode content = responses.putObject("200")
            .put("description",
                    "The method's result stream, one element a line, flushed as produced; "
                            + "a failure after elements ends it with a line holding the error object and no end of "
                            + "the chunked body")
            .putObject("content");
        content.putObject(HttpResultStream.NDJSON.toString()).set("schema", schema);
        content.putObject(HttpResultStream.EVENT_STREAM.toString())
            .putObject("schema")
            .put("type", "string")
            .put("description", "Server-sent events (when the request accepts only text/event-stream): each "
                    + "element in one data field, a failure as an event named error whose data is the error object");
    }

    /** The schema of the JSON array of a method's arguments. */
    private ObjectNode arguments(MethodDescriptor descriptor) {
        List<JavaType> types = descriptor.parameterTypes();
        Parameter[] parameters = descriptor.method().getParameters();
        ObjectNode schema = this.mapper.createObjectNode().put("type", "array");
        if (!types.isEmpty()) {
            ArrayNode items = schema.putArray("prefixItems");
            for (int i = 0; i < types.size(); i++) {
                ObjectNode item = (i == descriptor.streamParameter()) ? this.schemas.streamSchemaOf(descriptor)
                        : this.schemas.schemaOf(types.get(i));
                if (parameters[i].isNamePresent()) {
                    item.put("title", parameters[i].getName());
                }
                items.add(item.put("x-java-type", MethodDescriptor.typeName(types.get(i))));
            }
        }
        return schema.put("minItems", types.size()).put("maxItems", types.size());
    }

    private ObjectNode errorSchema() {
        ObjectNode schema = this.mapper.createObjectNode().put("type", "object");
        schema.put("description", "Why a call produced no result");
        schema.putArray("required").add("status").add("message");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode statuses = properties.putObject("status").put("type", "string").putArray("enum");
        for (RpcStatus status : RpcStatus.values()) {
            if (status != RpcStatus.OK) {
                statuses.add(status.name());
            }
        }
        properties.putObject("message").putArray("type").add("string").add("null");
        properties.putObject("exception")
            .put("type", "string")
            .put("description", "The declared exception thrown, by its Java class name");
        return schema;
    }

    private ObjectNode errorResponse(String description) {
        ObjectNode response = this.mapper.createObjectNode().put("description", description);
        response.putObject("content").putObject(JSON).putObject("schema").put("$ref", COMPONENTS + "schemas/" + ERROR);
        return response;
    }

    /** Declares the credentials that the challenge of the server's 401 answers names. */
    private void security(ObjectNode root, ObjectNode components, String challenge) {
        String schemes = challenge.toLowerCase(Locale.ROOT);
        ObjectNode declared = this.mapper.createObjectNode();
        if (schemes.contains("basic")) {
            declared.putObject("basicAuth").put("type", "http").put("scheme", "basic");
        }
        if (schemes.contains("bearer")) {
            declared.putObject("bearerAuth").put("type", "http").put("scheme", "bearer");
        }
        if (declared.isEmpty()) {
            return;
        }
        components.set("securitySchemes", declared);
        ArrayNode requirements = root.putArray("security");
        declared.propertyNames().forEach((scheme) -> requirements.addObject().putArray(scheme));
    }

    /** A service's tag: its simple name, or its full name when another service has it. */
    private static Map<String, String> tags(Set<String> services) {
        Map<String, Integer> simpleNames = new HashMap<>();
        services.forEach((service) -> simpleNames.merge(simpleName(service), 1, Integer::sum));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String service : services) {
            String simple = simpleName(service);
            tags.put(service, (simpleNames.getOrDefault(simple, 0) == 1) ? simple : service);
        }
        return tags;
    }

    private static String simpleName(String service) {
        return service.substring(Math.max(service.lastIndexOf('.'), service.lastIndexOf('$')) + 1);
    }

    private static Set<String> overloadedNames(List<MethodDescriptor> methods) {
        Map<String, Integer> counts = new HashMap<>();
        methods.forEach((method) -> counts.merge(method.method().getName(), 1, Integer::sum));
        return counts.entrySet()
            .stream()
            .filter((entry) -> entry.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    }

    /**
     * An operation's id, unique in the document: {@code Tag_method}, and for an overload
     * the simple names of its parameter types as well ({@code Shop_price_String_int}).
     */
    private static String operationId(Set<String> taken, String tag, MethodDescriptor method, boolean overloaded) {
        StringBuilder id = new StringBuilder(tag.replace('.', '_')).append('_').append(method.method().getName());
        if (overloaded) {
            for (Class<?> type : method.method().getParameterTypes()) {
                id.append('_').append(type.getSimpleName().replace("[]", "Array"));
            }
        }
        String candidate = id.toString();
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = id + "_" + i;
        }
        return candidate;
    }

    /**
     * An error answer shared by every operation.
     *
     * @param status the HTTP status
     * @param name its name under {@code components/responses}
     * @param description when it comes
     */
    private record ErrorResponse(String status, String name, String description) {
    }

}
