package io.rpcboot.internal.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * What one method of a service interface exchanges with its callers.
 *
 * @param shape how the method's values cross the wire, the name of a
 * {@link io.rpcboot.internal.protocol.MethodShape} ({@code UNARY}, {@code FUTURE},
 * {@code MONO}, {@code RESULT_STREAM}, {@code PARAMETER_STREAM}, {@code BIDIRECTIONAL});
 * {@code null} when unknown: described by a version of rpcboot that did not record it
 * @param parameters the parameters, in order: the arguments' array on the wire (a stream
 * parameter's schema describes one element of the stream)
 * @param result the result: the declared return type, and the schema of what crosses the
 * wire (for an asynchronous method the future's value, for a stream one element; the
 * {@code null} type for {@code void})
 * @param exceptions the fully qualified names of the declared exceptions, sorted
 */
@JsonPropertyOrder({ "shape", "parameters", "result", "exceptions" })
public record MethodContract(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String shape,
        List<ParameterContract> parameters, ParameterContract result, List<String> exceptions) {

    /**
     * Creates a method contract; lists are copied.
     */
    public MethodContract {
        parameters = List.copyOf(parameters);
        exceptions = List.copyOf(exceptions);
    }

}
