package io.rpcboot.internal.server.http;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
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
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * Sketches JSON Schemas of the types that cross the wire by asking the application's
 * mapper how it writes them (Jackson's format visitors), so its property names, naming
 * strategy, ignored properties and per-property formats show: objects with their
 * properties, arrays with their items, maps, enums, strings, numbers and booleans. Each
 * object type is described once, under {@code $defs} by its Java type name, and referred
 * to with {@code $ref}. A type the mapper cannot describe gets the empty schema (any
 * JSON).
 */
final class JsonSchemas {

    private static final Logger logger = LoggerFactory.getLogger(JsonSchemas.class);

    private final ObjectMapper mapper;

    private final ObjectNode definitions;

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        this.definitions = mapper.createObjectNode();
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
        return schema;
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
        }

        private ObjectNode child(ObjectNode parent, String name) {
            ObjectNode child = JsonSchemas.this.mapper.createObjectNode();
            parent.set(name, child);
            return child;
        }

        @Override
        public @Nullable JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
            String name = type.toCanonical();
            this.schema.put("$ref", "#/$defs/" + name);
            if (JsonSchemas.this.definitions.has(name)) {
                return null;
            }
            ObjectNode definition = JsonSchemas.this.definitions.putObject(name).put("type", "object");
            ObjectNode properties = definition.putObject("properties");
            return new JsonObjectFormatVisitor.Base(getContext()) {

                @Override
                public void property(BeanProperty property) {
                    ValueSerializer<Object> serializer = (property instanceof BeanPropertyWriter writer
                            && writer.getSerializer() != null) ? writer.getSerializer()
                                    : getContext().findPrimaryPropertySerializer(property.getType(), property);
                    visit(serializer, property.getType(), child(properties, property.getName()));
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
            if (type.getRawClass() == byte[].class) { // Jackson writes byte[] as a base64
                                                      // string
                this.schema.put("type", "string").put("contentEncoding", "base64");
                return null;
            }
            this.schema.put("type", "array");
            return new JsonArrayFormatVisitor.Base(getContext()) {

                @Override
                public void itemsFormat(JsonFormatVisitable handler, JavaType elementType) {
                    visit(handler, elementType, child(SchemaVisitor.this.schema, "items"));
                }

                @Override
                public void itemsFormat(JsonFormatTypes format) {
                    child(SchemaVisitor.this.schema, "items").put("type", format.value());
                }

            };
        }

        @Override
        public JsonMapFormatVisitor expectMapFormat(JavaType type) {
            this.schema.put("type", "object");
            return new JsonMapFormatVisitor.Base(getContext()) {

                @Override
                public void valueFormat(JsonFormatVisitable handler, JavaType valueType) {
                    visit(handler, valueType, child(SchemaVisitor.this.schema, "additionalProperties"));
                }

            };
        }

        @Override
        public JsonStringFormatVisitor expectStringFormat(JavaType type) {
            this.schema.put("type", "string");
            return new JsonStringFormatVisitor.Base() {

                @Override
                public void format(JsonValueFormat format) {
                    SchemaVisitor.this.schema.put("format", format.toString());
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
            return null;
        }

        @Override
        public @Nullable JsonIntegerFormatVisitor expectIntegerFormat(JavaType type) {
            this.schema.put("type", "integer");
            return null;
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
