package io.rpcboot.internal.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;

/**
 * The HTTP statuses of refused requests and failed calls: the {@link HttpFailure} of a
 * request the server does not take, and the error response of a call, with the
 * authentication challenge of a {@code 401}.
 */
final class HttpErrors {

    private HttpErrors() {
    }

    /**
     * Returns the error response of a call or of a refused caller.
     * @param allocator the connection's allocator
     * @param transport the transport, for its mapper and authentication
     * @param version the request's HTTP version
     * @param status the status of the failure
     * @param error its details
     * @return the response, with {@code WWW-Authenticate} for {@code UNAUTHENTICATED}
     * when the server authenticates its callers
     */
    static FullHttpResponse response(ByteBufAllocator allocator, HttpTransport transport, HttpVersion version,
            RpcStatus status, ErrorPayload error) {
        FullHttpResponse response = HttpResponses.error(allocator, transport.mapper(), version, status, error);
        HttpAuthentication authentication = transport.authentication();
        if (status == RpcStatus.UNAUTHENTICATED && authentication != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, authentication.challenge());
        }
        return response;
    }

    /**
     * Returns the failure of a request the codec could not decode; the connection closes
     * after its answer.
     * @param cause why the request could not be decoded
     * @return the failure
     */
    static HttpFailure malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpFailure
                .of(HttpResponseStatus.REQUEST_URI_TOO_LONG, RpcStatus.RESOURCE_EXHAUSTED,
                        "the request line is too long: " + cause.getMessage())
                .closingConnection();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpFailure
                .of(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, RpcStatus.RESOURCE_EXHAUSTED,
                        "the request headers are too large: " + cause.getMessage())
                .closingConnection();
        }
        return HttpFailure
            .of(HttpResponseStatus.BAD_REQUEST, RpcStatus.INVALID_ARGUMENT,
                    "malformed HTTP request: " + cause.getMessage())
            .closingConnection();
    }

    /**
     * Returns the failure of a request that came while the server shuts down; the
     * connection closes after its answer.
     * @return the failure
     */
    static HttpFailure shuttingDown() {
        return HttpFailure.of(RpcStatus.UNAVAILABLE, "the server is shutting down; the call was not run")
            .closingConnection();
    }

    /**
     * Returns the {@code 413} of a request whose body is over the server's limit.
     * @param oversized the request
     * @param maxContentLength the limit, in bytes
     * @return the failure
     */
    static HttpFailure tooLarge(RequestAggregator.Oversized oversized, int maxContentLength) {
        String size = (oversized.contentLength() >= 0) ? "of " + oversized.contentLength() + " bytes " : "";
        return HttpFailure.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, RpcStatus.RESOURCE_EXHAUSTED,
                "the request body " + size + "is over the server's limit of " + maxContentLength + " bytes");
    }

    /**
     * Refuses a call whose body is not UTF-8 JSON, with {@code 415}.
     * @param contentType the request's {@code Content-Type}, {@code null} when it has
     * none
     * @throws HttpFailure when the body is not UTF-8 JSON
     */
    static void requireJson(@Nullable String contentType) {
        if (contentType == null) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "calls need Content-Type: application/json");
        }
        CharSequence mimeType = HttpUtil.getMimeType(contentType);
        if (mimeType == null || !AsciiString.contentEqualsIgnoreCase(mimeType, HttpHeaderValues.APPLICATION_JSON)) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "calls need Content-Type: application/json, not " + contentType);
        }
        CharSequence charset = HttpUtil.getCharsetAsSequence(contentType);
        if (charset != null && !AsciiString.contentEqualsIgnoreCase(charset, "utf-8")) {
            throw HttpFailure.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, RpcStatus.INVALID_ARGUMENT,
                    "JSON must be UTF-8, not " + charset);
        }
    }

}
