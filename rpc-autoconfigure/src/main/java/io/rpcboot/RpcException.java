package io.rpcboot;

import org.jspecify.annotations.Nullable;

/**
 * Thrown to the caller of a remote method when the call did not produce a result and the
 * failure is not one of the exceptions the method declares.
 */
public class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RpcStatus status;

    private final String description;

    /**
     * Creates an exception with the given status and message.
     * @param status the status of the failed call, never {@link RpcStatus#OK}
     * @param message the description of the failure
     */
    public RpcException(RpcStatus status, String message) {
        this(status, message, null);
    }

    /**
     * Creates an exception with the given status, message and cause.
     * @param status the status of the failed call, never {@link RpcStatus#OK}
     * @param message the description of the failure
     * @param cause the local cause, if any
     */
    public RpcException(RpcStatus status, String message, @Nullable Throwable cause) {
        super(status + ": " + message, cause);
        if (status == RpcStatus.OK) {
            throw new IllegalArgumentException("An RpcException cannot have status OK");
        }
        this.status = status;
        this.description = message;
    }

    /**
     * Returns the status of the failed call.
     * @return the status
     */
    public RpcStatus getStatus() {
        return this.status;
    }

    /**
     * Returns the description of the failure without the status that
     * {@link #getMessage()} starts with.
     * @return the description
     */
    public String getDescription() {
        return this.description;
    }

}
