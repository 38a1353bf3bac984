package io.rpcboot;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a remote call. {@link #OK} is a success; every other value is carried by
 * an {@link RpcException}. Each status has a stable numeric {@linkplain #code() code}
 * used on the wire.
 */
public enum RpcStatus {

    /** The call completed normally. */
    OK(0),
    /** The caller cancelled the call. */
    CANCELLED(1),
    /** The arguments could not be read or are not acceptable to the method. */
    INVALID_ARGUMENT(3),
    /** The call's deadline passed before it completed. */
    DEADLINE_EXCEEDED(4),
    /** The service or method does not exist on the server. */
    NOT_FOUND(5),
    /** The caller is known but not allowed to make this call. */
    PERMISSION_DENIED(7),
    /** A limit was reached: message size, queue capacity. */
    RESOURCE_EXHAUSTED(8),
    /**
     * The call reached the server but an internal error of rpcboot prevented it from
     * completing.
     */
    INTERNAL(13),
    /** No endpoint of the service could take the call. */
    UNAVAILABLE(14),
    /** The caller did not present valid credentials. */
    UNAUTHENTICATED(16),
    /**
     * The service implementation threw an exception that its interface does not declare.
     */
    APPLICATION_ERROR(100);

    private static final RpcStatus[] BY_CODE = new RpcStatus[256];

    static {
        for (RpcStatus status : values()) {
            BY_CODE[status.code] = status;
        }
    }

    private final int code;

    RpcStatus(int code) {
        this.code = code;
    }

    /**
     * Returns the code that represents this status on the wire.
     * @return the status code, between 0 and 255
     */
    public int code() {
        return this.code;
    }

    /**
     * Returns the status with the given wire code.
     * @param code a code read from the wire
     * @return the status, or {@code null} when the code is unknown
     */
    public static @Nullable RpcStatus fromCode(int code) {
        return (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
    }

    /**
     * Returns the status a call ends with when it fails with the given exception.
     * @param failure the failure, {@code null} for success
     * @return {@link #OK} without failure, the status of an {@link RpcException},
     * otherwise {@link #APPLICATION_ERROR}
     */
    public static RpcStatus of(@Nullable Throwable failure) {
        if (failure == null) {
            return OK;
        }
        return (failure instanceof RpcException rpcException) ? rpcException.getStatus() : APPLICATION_ERROR;
    }

}
