package io.rpcboot.internal.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a method, or its result.
 *
 * @param name the parameter's name in the source, {@code null} when the class was
 * compiled without {@code -parameters} (and for a result)
 * @param type the declared type, generics resolved against the service interface, as Java
 * writes it ({@code java.util.List<com.example.Item>})
 * @param schema what Jackson writes for the type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "name", "type", "schema" })
public record ParameterContract(@Nullable String name, String type, Schema schema) {
}
