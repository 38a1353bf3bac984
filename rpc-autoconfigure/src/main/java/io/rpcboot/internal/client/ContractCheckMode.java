package io.rpcboot.internal.client;

/**
 * What a client does with the contract check of a connection: it compares its interfaces
 * with the server's description of them, by the rules of
 * {@link io.rpcboot.internal.contract.ContractComparison}.
 */
public enum ContractCheckMode {

    /**
     * One WARN line per method incompatible with the server; calls to it are sent as
     * usual.
     */
    WARN,

    /**
     * One WARN line per method incompatible with the server, and calls to it on that
     * connection fail at once with {@code NOT_FOUND}, unsent; a new connection takes no
     * call before the server's description is compared.
     */
    FAIL,

    /** No check: the server is not asked for a description. */
    OFF

}
