package io.rpcboot.internal.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;

/**
 * A request refused before it reached a method: the HTTP status, the {@link RpcStatus}
 * and message of the JSON body, and whether the connection closes after the answer.
 */
final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus httpStatus;

    private final RpcStatus status;

    private final @Nullable String allow;

    private final boolean closesConnection;

    private HttpFailure(HttpResponseStatus httpStatus, RpcStatus status, String message, @Nullable String allow,
            boolean closesConnection) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.status = status;
        this.allow = allow;
        this.closesConnection = closesConnection;
    }

    /**
     * Creates a failure with the HTTP status that matches the given status.
     * @param status the status
     * @param message the message of the body
     * @return the failure
     */
    static HttpFailure of(RpcStatus status, String message) {
        return new HttpFailure(HttpResponses.httpStatusOf(status), status, message, null, false);
    }

    /**
     * Creates a failure with its own HTTP status.
     * @param httpStatus the HTTP status
     * @param status the status of the body
     * @param message the message of the body
     * @return the failure
     */
    static HttpFailure of(HttpResponseStatus httpStatus, RpcStatus status, String message) {
        return new HttpFailure(httpStatus, status, message, null, false);
    }

    /**
     * Creates a 405 answer.
     * @param method the method the request used
     * @param allow the method the resource allows
     * @return the failure
     */
    static HttpFailure methodNotAllowed(String method, String allow) {
        return new HttpFailure(HttpResponseStatus.METHOD_NOT_ALLOWED, RpcStatus.INVALID_ARGUMENT,
                method + " is not allowed here; use " + allow, allow, false);
    }

    /**
     * Returns this failure, but closing the connection after its answer.
     * @return the failure
     */
    HttpFailure closingConnection() {
        return new HttpFailure(this.httpStatus, this.status, getMessage(), this.allow, true);
    }

    HttpResponseStatus httpStatus() {
        return this.httpStatus;
    }

    RpcStatus status() {
        return this.status;
    }

    @Nullable String allow() {
        return this.allow;
    }

    boolean closesConnection() {
        return this.closesConnection;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return (message != null) ? message : this.status.name();
    }

}
