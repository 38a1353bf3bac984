package io.rpcboot.internal.server.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.jsonFormatVisitors.JsonArrayFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonBooleanFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatTypes;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitable;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonIntegerFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonMapFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonNullFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonNumberFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonStringFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonValueFormat;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.type.TypeFactory;

import io.rpcboot.internal.protocol.MethodDescriptor;

/**
 * Sketches JSON Schemas of the types that cross the wire by asking the application's
 * mapper how it writes them (Jackson's format visitors), so its property names, naming
 * strategy, ignored properties and per-property formats show: objects with their
 * properties, arrays with their items, maps, enums, strings, numbers and booleans. Each
 * object type is described once, among the definitions under a name, and referred to with
 * {@code $ref}; a type that contains itself refers to its own definition. A type the
 * mapper cannot describe gets the empty schema (any JSON).
 * <p>
 * Two styles: sketches for {@code GET /} (definitions under {@code $defs} by Java type
 * name, nothing said about {@code null}), and precise schemas for the OpenAPI document,
 * which every value the mapper writes satisfies, except objects that are {@code null}
 * elements of arrays or values of maps: every other type but a primitive admits
 * {@code null} (as {@code Optional.empty()} is written), integers and floating-point
 * numbers name their width, and each definition names its Java type in
 * {@code x-java-type}.
 */
final class JsonSchemas {

    private static final Logger logger = LoggerFactory.getLogger(JsonSchemas.class);

    private final ObjectMapper mapper;

    private final ObjectNode definitions;

    private final String referencePrefix;

    private final Function<JavaType, String> names;

    private final boolean precise;

    /**
     * Creates the sketches of {@code GET /}: definitions by Java type name, referred to
     * under {@code #/$defs/}.
     * @param mapper the mapper whose writing the schemas describe
     */
    JsonSchemas(ObjectMapper mapper) {
        this(mapper, "#/$defs/", JavaType::toCanonical, false);
    }

    private JsonSchemas(ObjectMapper mapper, String referencePrefix, Function<JavaType, String> names,
            boolean precise) {
        this.mapper = mapper;
        this.definitions = mapper.createObjectNode();
        this.referencePrefix = referencePrefix;
        this.names = names;
        this.precise = precise;
    }

    /**
     * Creates precise schemas for an OpenAPI document: definitions referred to under
     * {@code #/components/schemas/}.
     * @param mapper the mapper whose writing the schemas describe
     * @param names the names of the definitions, allowed as component names
     * @return the schemas
     */
    static JsonSchemas forOpenApi(ObjectMapper mapper, Function<JavaType, String> names) {
        return new JsonSchemas(mapper, "#/components/schemas/", names, true);
    }

    /**
     * Returns the object types described so far, by Java type name.
     * @return the definitions
     */
    ObjectNode definitions() {
        return this.definitions;
    }

    /**
     * Returns the schema of a Java type.
     * @param javaType the type, type variables resolved
     * @return its schema
     */
    ObjectNode schemaOf(JavaType javaType) {
        ObjectNode schema = this.mapper.createObjectNode();
        try {
            this.mapper.acceptJsonFormatVisitor(javaType, new SchemaVisitor(schema, null));
        }
        catch (RuntimeException ex) {
            logger.debug("No JSON schema for {}: {}", javaType, ex.toString());
            schema.removeAll();
        }
        admitNull(schema, javaType);
        return schema;
    }

    /**
     * Returns the schema of a method's stream parameter as HTTP takes it: the array of
     * its elements.
     * @param method a method that takes a stream
     * @return the schema of the array
     */
    ObjectNode streamSchemaOf(MethodDescriptor method) {
        ObjectNode schema = this.mapper.createObjectNode().put("type", "array");
        JavaType element = method.parameterElementType();
        if (element != null) {
            schema.set("items", schemaOf(element));
        }
        return schema;
    }

    /**
     * Returns whether a precise schema keeps the format Jackson names for a string: it
     * names {@code date-time} and {@code time} for local dates and times, durations and
     * months too, whose strings RFC 3339 (which JSON Schema's formats mean) does not
     * accept.
     */
    private boolean trusted(JavaType type, JsonValueFormat format) {
        if (!this.precise) {
            return true;
        }
        return switch (format) {
            case DATE_TIME -> type.isTypeOrSubTypeOf(Instant.class) || type.isTypeOrSubTypeOf(OffsetDateTime.class)
                    || type.isTypeOrSubTypeOf(Date.class) || type.isTypeOrSubTypeOf(Calendar.class)
                    || (type.isTypeOrSubTypeOf(ZonedDateTime.class)
                            && !this.mapper.serializationConfig().isEnabled(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID));
            case DATE -> type.isTypeOrSubTypeOf(LocalDate.class);
            case TIME -> false;
            default -> true;
        };
    }

    /**
     * Makes a precise schema of a type other than a primitive admit {@code null}: the
     * mapper writes a {@code null} reference, an empty {@code Optional} and an empty
     * {@code OptionalInt} as {@code null}.
     */
    private void admitNull(ObjectNode schema, JavaType type) {
        if (!this.precise || type.isPrimitive()) {
            return;
        }
        JsonNode reference = schema.get("$ref");
        JsonNode kind = schema.get("type");
        if (reference != null) {
            schema.remove("$ref");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().set("$ref", reference);
            anyOf.addObject().put("type", "null");
        }
        else if (kind != null && kind.getNodeType() == JsonNodeType.STRING) {
            schema.set("type", this.mapper.createArrayNode().add(kind.asString()).add("null"));
            JsonNode constants = schema.get("enum");
            if (constants instanceof ArrayNode values) {
                values.addNull();
            }
        }
    }

    /** Writes the schema of the value being visited into a node. */
    private final class SchemaVisitor extends JsonFormatVisitorWrapper.Base {

        private final ObjectNode schema;

        SchemaVisitor(ObjectNode schema, @Nullable SerializationContext context) {
            super(context);
            this.schema = schema;
        }

        private void visit(JsonFormatVisitable handler, JavaType type, ObjectNode target) {
            handler.acceptJsonFormatVisitor(new SchemaVisitor(target, getContext()), type);
            admitNull(target, type);
        }

        /**
         * Visits an element of an array or a value of a map. An object element is not
         * declared nullable: client generators cannot read lists of
         * {@code anyOf: [$ref, null]} (openapi-generator's Python client fails on them).
         */
        private void visitElement(JsonFormatVisitable handler, JavaType type, ObjectNode target) {
            handler.acceptJsonFormatVisitor(new SchemaVisitor(target, getContext()), type);
            if (!target.has("$ref")) {
                admitNull(target, type);
            }
        }

        private ObjectNode child(ObjectNode parent, String name) {
            ObjectNode child = JsonSchemas.this.mapper.createObjectNode();
            parent.set(name, child);
            return child;
        }

        @Override
        public @Nullable JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
            String name = JsonSchemas.this.names.apply(type);
            this.schema.put("$ref", JsonSchemas.this.referencePrefix + name);
            if (JsonSchemas.this.definitions.has(name)) {
                return null;
            }
            ObjectNode definition = JsonSchemas.this.definitions.putObject(name).put("type", "object");
            if (JsonSchemas.this.precise) {
                definition.put("x-java-type", MethodDescriptor.typeName(type));
            }
            ObjectNode properties = definition.putObject("properties");
            return new JsonObjectFormatVisitor.Base(getContext()) {

                @Override
                public void property(BeanProperty property) {
                    ValueSerializer<Object> serializer = (property instanceof BeanPropertyWriter writer
                            && writer.getSerializer() != null) ? writer.getSerializer()
                                    : getContext().findPrimaryPropertySerializer(property.getType(), property);
                    ObjectNode schema = child(properties, property.getName());
                    visit(serializer, property.getType(), schema);
                    // a @JsonFormat pattern writes what it says, not the format Jackson
                    // names
                    if (JsonSchemas.this.precise
                            && property.findPropertyFormat(getContext().getConfig(), property.getType().getRawClass())
                                .hasPattern()) {
                        schema.remove("format");
                    }
                }

                @Override
                public void optionalProperty(BeanProperty property) {
                    property(property);
                }

                @Override
                public void property(String name, JsonFormatVisitable handler, JavaType propertyType) {
                    visit(handler, propertyType, child(properties, name));
                }

                @Override
                public void optionalProperty(String name, JsonFormatVisitable handler, JavaType propertyType) {
                    property(name, handler, propertyType);
                }

            };
        }

        @Override
        public @Nullable JsonArrayFormatVisitor expectArrayFormat(JavaType type) {
            // Jackson writes byte[] as a base64 string
            if (type.getRawClass() == byte[].class) {
                this.schema.put("type", "string").put("contentEncoding", "base64");
                return null;
            }
            this.schema.put("type", "array");
            return new JsonArrayFormatVisitor.Base(getContext()) {

                @Override
                public void itemsFormat(JsonFormatVisitable handler, JavaType elementType) {
                    visitElement(handler, elementType, child(SchemaVisitor.this.schema, "items"));
                }

                @Override
                public void itemsFormat(JsonFormatTypes format) {
                    ObjectNode items = child(SchemaVisitor.this.schema, "items");
                    if (format != JsonFormatTypes.ANY) {
                        items.put("type", format.value());
                    }
                    JavaType elementType = type.getContentType();
                    if (elementType == null || !elementType.isPrimitive()) {
                        admitNull(items, TypeFactory.unknownType());
                    }
                }

            };
        }

        @Override
        public JsonMapFormatVisitor expectMapFormat(JavaType type) {
            this.schema.put("type", "object");
            return new JsonMapFormatVisitor.Base(getContext()) {

                @Override
                public void valueFormat(JsonFormatVisitable handler, JavaType valueType) {
                    visitElement(handler, valueType, child(SchemaVisitor.this.schema, "additionalProperties"));
                }

            };
        }

        @Override
        public JsonStringFormatVisitor expectStringFormat(JavaType type) {
            this.schema.put("type", "string");
            return new JsonStringFormatVisitor.Base() {

                @Override
                public void format(JsonValueFormat format) {
                    if (trusted(type, format)) {
                        SchemaVisitor.this.schema.put("format", format.toString());
                    }
                }

                @Override
                public void enumTypes(Set<String> values) {
                    ArrayNode constants = SchemaVisitor.this.schema.putArray("enum");
                    values.forEach(constants::add);
                }

            };
        }

        @Override
        public @Nullable JsonNumberFormatVisitor expectNumberFormat(JavaType type) {
            this.schema.put("type", "number");
            return JsonSchemas.this.precise ? new JsonNumberFormatVisitor.Base() {

                @Override
                public void numberType(JsonParser.NumberType type) {
                    formatOf(type);
                }

            } : null;
        }

        @Override
        public @Nullable JsonIntegerFormatVisitor expectIntegerFormat(JavaType type) {
            this.schema.put("type", "integer");
            return JsonSchemas.this.precise ? new JsonIntegerFormatVisitor.Base() {

                @Override
                public void numberType(JsonParser.NumberType type) {
                    formatOf(type);
                }

            } : null;
        }

        /** Names the width of a number as OpenAPI does. */
        private void formatOf(JsonParser.NumberType type) {
            String format = switch (type) {
                case INT -> "int32";
                case LONG -> "int64";
                case FLOAT -> "float";
                case DOUBLE -> "double";
                default -> null;
            };
            if (format != null) {
                this.schema.put("format", format);
            }
        }

        @Override
        public @Nullable JsonBooleanFormatVisitor expectBooleanFormat(JavaType type) {
            this.schema.put("type", "boolean");
            return null;
        }

        @Override
        public @Nullable JsonNullFormatVisitor expectNullFormat(JavaType type) {
            this.schema.put("type", "null");
            return null;
        }

    }

}
