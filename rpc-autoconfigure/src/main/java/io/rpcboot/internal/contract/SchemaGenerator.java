package io.rpcboot.internal.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.TreeNode;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

import io.rpcboot.internal.protocol.MethodDescriptor;

/**
 * Writes the {@link Schema} of what a Jackson mapper writes for Java types, collecting
 * the object types (records, beans) it meets by name. Records and beans get their
 * properties as the mapper introspects them ({@code @JsonProperty}, {@code @JsonIgnore},
 * naming strategies, {@code @JsonValue} apply); {@code Optional<T>} is described as
 * {@code T}; collections and arrays as arrays; maps as objects of their values;
 * {@code byte[]} as a base64 string; {@code java.time} values as strings with a format;
 * enums as strings with their constants.
 * <p>
 * Not to be confused with {@code io.rpcboot.internal.server.http.JsonSchemas}, which
 * writes the JSON Schemas of {@code GET /} and {@code /openapi.json} through Jackson's
 * format visitors, for tools that validate values. This one is made to compare two
 * versions of a contract: a small closed model ({@link Schema}) that reads back from the
 * contract file, a fixed table of scalar formats and nothing said about {@code null}, so
 * that the same classes always give the same schema and a difference is a change.
 */
final class SchemaGenerator {

    private static final Map<Class<?>, Schema> SCALARS = scalars();

    private final ObjectMapper mapper;

    private final SerializationContext introspection;

    private final SortedMap<String, Schema> types = new TreeMap<>();

    SchemaGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
        this.introspection = mapper._serializationContext();
    }

    /**
     * Returns the schema of a type; object types are described once, in {@link #types()},
     * and referred to.
     * @param type a resolved type
     * @return its schema
     */
    Schema schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        Schema scalar = SCALARS.get(raw);
        if (scalar != null) {
            return scalar;
        }
        if (type.isReferenceType()) {
            return schemaOf(type.getReferencedType());
        }
        if (raw == Object.class || TreeNode.class.isAssignableFrom(raw)) {
            return Schema.ANY;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return Schema.array(schemaOf(type.getContentType()));
        }
        if (type.isMapLikeType()) {
            return Schema.map(schemaOf(type.getContentType()));
        }
        if (Iterable.class.isAssignableFrom(raw)) {
            JavaType[] elements = type.findTypeParameters(Iterable.class);
            return Schema.array((elements.length == 1) ? schemaOf(elements[0]) : Schema.ANY);
        }
        BeanDescription description = this.introspection.introspectBeanDescription(type);
        AnnotatedMember jsonValue = description.findJsonValueAccessor();
        if (jsonValue != null) {
            return schemaOf(jsonValue.getType());
        }
        if (raw.isEnum() || (raw.getSuperclass() != null && raw.getSuperclass().isEnum())) {
            return enumSchema(type);
        }
        if (Number.class.isAssignableFrom(raw)) {
            return Schema.scalar("number", null);
        }
        return objectReference(type, description);
    }

    /**
     * Returns the object types met so far, by Java type name.
     * @return the types
     */
    SortedMap<String, Schema> types() {
        return this.types;
    }

    private Schema objectReference(JavaType type, BeanDescription description) {
        String name = MethodDescriptor.typeName(type);
        if (!this.types.containsKey(name)) {
            // a placeholder while the properties are described: a type may refer to
            // itself
            this.types.put(name, Schema.ANY);
            this.types.put(name, objectSchema(description));
        }
        return Schema.reference(name);
    }

    private Schema objectSchema(BeanDescription description) {
        SerializationConfig config = this.mapper.serializationConfig();
        AnnotationIntrospector annotations = config.getAnnotationIntrospector();
        SortedMap<String, Schema> properties = new TreeMap<>();
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            Schema schema = schemaOf(property.getPrimaryType());
            AnnotatedMember member = property.getPrimaryMember();
            if (member != null && annotations != null
                    && writesAsString(annotations.findFormat(config, member), schema)) {
                schema = schema.asString();
            }
            properties.put(property.getName(), schema);
            if (property.isRequired()) {
                required.add(property.getName());
            }
        }
        required.sort(null);
        return Schema.object(properties, required);
    }

    private static boolean writesAsString(JsonFormat.@Nullable Value format, Schema schema) {
        return format != null && format.getShape() == JsonFormat.Shape.STRING && ("integer".equals(schema.type())
                || "number".equals(schema.type()) || "boolean".equals(schema.type()));
    }

    private Schema enumSchema(JavaType type) {
        Class<?> enumClass = type.getRawClass().isEnum() ? type.getRawClass() : type.getRawClass().getSuperclass();
        Enum<?>[] constants = (Enum<?>[]) enumClass.getEnumConstants();
        String[] names = new String[constants.length];
        AnnotationIntrospector annotations = this.mapper.serializationConfig().getAnnotationIntrospector();
        if (annotations != null) {
            AnnotatedClass annotated = this.introspection.introspectClassAnnotations(enumClass);
            names = annotations.findEnumValues(this.mapper.serializationConfig(), annotated, constants, names);
        }
        List<String> values = new ArrayList<>(constants.length);
        for (int i = 0; i < constants.length; i++) {
            values.add((names[i] != null) ? names[i] : constants[i].name());
        }
        values.sort(null);
        return Schema.enumeration(values);
    }

    private static Map<Class<?>, Schema> scalars() {
        Map<Class<?>, Schema> scalars = new HashMap<>();
        put(scalars, Schema.NONE, void.class, Void.class);
        put(scalars, Schema.scalar("boolean", null), boolean.class, Boolean.class);
        put(scalars, Schema.scalar("integer", "int32"), byte.class, Byte.class, short.class, Short.class, int.class,
                Integer.class, OptionalInt.class);
        put(scalars, Schema.scalar("integer", "int64"), long.class, Long.class, OptionalLong.class);
        put(scalars, Schema.scalar("integer", null), BigInteger.class);
        put(scalars, Schema.scalar("number", "float"), float.class, Float.class);
        put(scalars, Schema.scalar("number", "double"), double.class, Double.class, OptionalDouble.class);
        put(scalars, Schema.scalar("number", null), BigDecimal.class);
        put(scalars, Schema.scalar("string", null), String.class, CharSequence.class, char.class, Character.class,
                char[].class, Currency.class, Locale.class, Class.class);
        put(scalars, Schema.scalar("string", "byte"), byte[].class);
        put(scalars, Schema.scalar("string", "uuid"), UUID.class);
        put(scalars, Schema.scalar("string", "uri"), URI.class, URL.class);
        put(scalars, Schema.scalar("string", "date-time"), Instant.class, OffsetDateTime.class, ZonedDateTime.class,
                Date.class, Calendar.class);
        put(scalars, Schema.scalar("string", "date"), LocalDate.class);
        put(scalars, Schema.scalar("string", "time"), OffsetTime.class);
        put(scalars, Schema.scalar("string", "local-date-time"), LocalDateTime.class);
        put(scalars, Schema.scalar("string", "local-time"), LocalTime.class);
        put(scalars, Schema.scalar("string", "duration"), Duration.class);
        put(scalars, Schema.scalar("string", "period"), Period.class);
        put(scalars, Schema.scalar("string", "year"), Year.class);
        put(scalars, Schema.scalar("string", "year-month"), YearMonth.class);
        put(scalars, Schema.scalar("string", "month-day"), MonthDay.class);
        put(scalars, Schema.scalar("string", "zone-id"), ZoneId.class, ZoneOffset.class);
        return Map.copyOf(scalars);
    }

    private static void put(Map<Class<?>, Schema> scalars, Schema schema, Class<?>... types) {
        Arrays.stream(types).forEach((type) -> scalars.put(type, schema));
    }

}
