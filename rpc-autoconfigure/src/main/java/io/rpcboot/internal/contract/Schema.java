package io.rpcboot.internal.contract;

import java.util.List;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-Schema-like description of the JSON that Jackson writes for a Java type. Every
 * component is optional: a schema without any describes any value (such as {@code Object}
 * or {@code JsonNode}).
 *
 * @param type the JSON type: {@code object}, {@code array}, {@code string},
 * {@code integer}, {@code number}, {@code boolean}, or {@code null} for a method without
 * a result
 * @param format the refinement of the type: {@code int32}, {@code int64}, {@code float},
 * {@code double}, {@code byte} (base64), {@code date-time}, {@code date}, {@code uuid}...
 * @param ref a reference to an object type described in the contract's types section, as
 * {@code #/types/<java type name>}
 * @param items the schema of an array's elements
 * @param properties the properties of an object type, by name
 * @param required the names of the properties a reader requires, sorted
 * @param additionalProperties the schema of a map's values (keys are strings)
 * @param constants the constants of an enum, sorted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "format", "$ref", "items", "properties", "required", "additionalProperties", "enum" })
public record Schema(@Nullable String type, @Nullable String format, @JsonProperty("$ref") @Nullable String ref,
        @Nullable Schema items, @Nullable SortedMap<String, Schema> properties, @Nullable List<String> required,
        @Nullable Schema additionalProperties, @JsonProperty("enum") @Nullable List<String> constants) {

    static final String REF_PREFIX = "#/types/";

    /** The schema of any value. */
    static final Schema ANY = new Schema(null, null, null, null, null, null, null, null);

    /** The schema of no value: the result of a {@code void} method. */
    static final Schema NONE = scalar("null", null);

    static Schema scalar(String type, @Nullable String format) {
        return new Schema(type, format, null, null, null, null, null, null);
    }

    static Schema reference(String typeName) {
        return new Schema(null, null, REF_PREFIX + typeName, null, null, null, null, null);
    }

    static Schema array(Schema items) {
        return new Schema("array", null, null, items, null, null, null, null);
    }

    static Schema map(Schema values) {
        return new Schema("object", null, null, null, null, null, values, null);
    }

    static Schema object(SortedMap<String, Schema> properties, List<String> required) {
        return new Schema("object", null, null, null, properties, required.isEmpty() ? null : required, null, null);
    }

    static Schema enumeration(List<String> constants) {
        return new Schema("string", null, null, null, null, null, null, constants);
    }

    /**
     * Returns the name of the type this schema refers to.
     * @return the type name, {@code null} when this schema is not a reference
     */
    @Nullable String referencedType() {
        return (this.ref != null && this.ref.startsWith(REF_PREFIX)) ? this.ref.substring(REF_PREFIX.length()) : null;
    }

    /**
     * Returns a copy of this schema as a string (a property whose
     * {@code @JsonFormat(shape = STRING)} writes a number or boolean as text).
     * @return the string schema
     */
    Schema asString() {
        return scalar("string", null);
    }

}
