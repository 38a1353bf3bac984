package io.rpcboot.internal.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one method of a service interface exchanges with its callers.
 *
 * @param parameters the parameters, in order: the arguments' array on the wire
 * @param result the result: the declared return type, and the schema of what crosses the
 * wire (for an asynchronous method the future's value; the {@code null} type for
 * {@code void})
 * @param exceptions the fully qualified names of the declared exceptions, sorted
 */
@JsonPropertyOrder({ "parameters", "result", "exceptions" })
public record MethodContract(List<ParameterContract> parameters, ParameterContract result, List<String> exceptions) {

    /**
     * Creates a method contract; lists are copied.
     */
    public MethodContract {
        parameters = List.copyOf(parameters);
        exceptions = List.copyOf(exceptions);
    }

}
