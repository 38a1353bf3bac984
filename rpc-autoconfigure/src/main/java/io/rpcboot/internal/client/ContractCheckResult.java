package io.rpcboot.internal.client;

import java.util.Map;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of the contract check of a client's connection to an endpoint.
 *
 * @param status whether the server's description matches the client's interfaces
 * @param incompatibleMethods for each incompatible method ({@code Service.key}), the
 * rules it breaks with their details; empty unless {@link Status#INCOMPATIBLE}
 * @param reason why the result is {@link Status#UNKNOWN}, {@code null} otherwise
 */
public record ContractCheckResult(Status status, Map<String, List<String>> incompatibleMethods,
        @Nullable String reason) {

    /**
     * Copies the methods.
     */
    public ContractCheckResult {
        incompatibleMethods = Map.copyOf(incompatibleMethods);
    }

    /**
     * The result of a check that could not be made.
     * @param reason why
     * @return the result
     */
    static ContractCheckResult unknown(String reason) {
        return new ContractCheckResult(Status.UNKNOWN, Map.of(), reason);
    }

    /**
     * The outcomes of a check.
     */
    public enum Status {

        /** Every method the client calls is compatible with the server's. */
        COMPATIBLE,

        /** Some methods the client calls break a rule against the server's. */
        INCOMPATIBLE,

        /**
         * The server did not describe its services: an older server, or a description it
         * could not send or the client could not read.
         */
        UNKNOWN

    }

}
