package io.rpcboot.internal.server.http;

import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;

/**
 * Builds the HTTP answers: JSON results, {@code 204} for {@code void}, and JSON error
 * bodies {@code {"status": ..., "message": ..., "exception": ...}} with the HTTP status
 * that matches the {@link RpcStatus} ({@code 422} for a declared exception).
 */
final class HttpResponses {

    private static final AsciiString X_CONTENT_TYPE_OPTIONS = AsciiString.cached("x-content-type-options");

    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

    private HttpResponses() {
    }

    /**
     * Returns the HTTP status of a failed call's {@link RpcStatus}.
     * @param status the status
     * @return the HTTP status
     */
    static HttpResponseStatus httpStatusOf(RpcStatus status) {
        return switch (status) {
            case OK -> HttpResponseStatus.OK;
            case INVALID_ARGUMENT -> HttpResponseStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpResponseStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpResponseStatus.FORBIDDEN;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case DEADLINE_EXCEEDED -> HttpResponseStatus.GATEWAY_TIMEOUT;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * Returns a {@code 200} answer with a JSON body.
     * @param version the request's HTTP version
     * @param body the JSON body
     * @return the response
     */
    static FullHttpResponse json(HttpVersion version, ByteBuf body) {
        return json(version, HttpResponseStatus.OK, body);
    }

    /**
     * Returns a {@code 204} answer.
     * @param version the request's HTTP version
     * @return the response
     */
    static FullHttpResponse noContent(HttpVersion version) {
        return new DefaultFullHttpResponse(version, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Returns the answer to a call that failed: {@code 422} for an exception the method
     * declares (an outcome the service's contract foresees, not a server fault that
     * proxies would retry or alert on), else the HTTP status of the {@link RpcStatus}.
     * @param allocator the connection's allocator
     * @param mapper the mapper that writes the body
     * @param version the request's HTTP version
     * @param status the status of the failure
     * @param error its details
     * @return the response
     */
    static FullHttpResponse error(ByteBufAllocator allocator, ObjectMapper mapper, HttpVersion version,
            RpcStatus status, ErrorPayload error) {
        HttpResponseStatus httpStatus = (status == RpcStatus.APPLICATION_ERROR && error.exception() != null)
                ? HttpResponseStatus.UNPROCESSABLE_ENTITY : httpStatusOf(status);
        return error(allocator, mapper, version, httpStatus, status, error.message(), error.exception());
    }

    /**
     * Returns the answer to a request refused before it reached a method.
     * @param allocator the connection's allocator
     * @param mapper the mapper that writes the body
     * @param version the request's HTTP version
     * @param failure the failure
     * @return the response
     */
    static FullHttpResponse error(ByteBufAllocator allocator, ObjectMapper mapper, HttpVersion version,
            HttpFailure failure) {
        FullHttpResponse response = error(allocator, mapper, version, failure.httpStatus(), failure.status(),
                failure.getMessage(), null);
        if (failure.allow() != null) {
            response.headers().set(HttpHeaderNames.ALLOW, failure.allow());
        }
        return response;
    }

    /**
     * Writes the JSON error object of a failed call, as error responses carry it.
     * @param allocator the connection's allocator
     * @param mapper the mapper that writes it
     * @param status the status of the failure
     * @param error its details
     * @return the JSON object, on one line
     */
    static ByteBuf errorObject(ByteBufAllocator allocator, ObjectMapper mapper, RpcStatus status, ErrorPayload error) {
        return errorObject(allocator, mapper, status, error.message(), error.exception());
    }

    private static FullHttpResponse error(ByteBufAllocator allocator, ObjectMapper mapper, HttpVersion version,
            HttpResponseStatus httpStatus, RpcStatus status, @Nullable String message, @Nullable String exception) {
        return json(version, httpStatus, errorObject(allocator, mapper, status, message, exception));
    }

    private static ByteBuf errorObject(ByteBufAllocator allocator, ObjectMapper mapper, RpcStatus status,
            @Nullable String message, @Nullable String exception) {
        ByteBuf body = allocator.buffer();
        try (JsonGenerator generator = mapper.createGenerator((OutputStream) new ByteBufOutputStream(body))) {
            generator.writeStartObject();
            generator.writeStringProperty("status", status.name());
            generator.writeStringProperty("message", message);
            if (exception != null) {
                generator.writeStringProperty("exception", exception);
            }
            generator.writeEndObject();
        }
        catch (Throwable ex) {
            body.release(); // also when the buffer could not grow: no memory left
            throw ex;
        }
        return body;
    }

    private static FullHttpResponse json(HttpVersion version, HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
            .set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        return response;
    }

}
