package io.rpcboot.internal.server.http;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;

/**
 * Answers the service descriptions of one connection, {@code GET /} and
 * {@code GET /openapi.json}: at once when the server authenticates nobody, else after the
 * server's authentication accepted the caller, which runs on the server's executor
 * (checking credentials may be slow) and hands the answer back to the event loop.
 */
final class DescriptionRequests {

    // under the connection's name, where users look for what happens to its requests
    private static final Logger logger = LoggerFactory.getLogger(HttpConnection.class);

    private final HttpConnection connection;

    private final HttpTransport transport;

    DescriptionRequests(HttpConnection connection, HttpTransport transport) {
        this.connection = connection;
        this.transport = transport;
    }

    /**
     * Answers a request for a description; on the event loop.
     * @param request the request
     * @param document the description
     * @throws HttpFailure when the server is too busy to check the caller
     */
    void describe(FullHttpRequest request, Supplier<byte[]> document) {
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpAuthentication authentication = this.transport.authentication();
        if (authentication == null) {
            this.connection.respond(HttpResponses.json(version, Unpooled.wrappedBuffer(document.get())), keepAlive);
            return;
        }
        Map<String, String> metadata = RequestHeaders.metadata(request.headers());
        Channel channel = this.connection.context().channel();
        boolean accepted = this.transport.dispatcher().execute(() -> {
            FullHttpResponse response = checkedDescription(authentication, metadata, version, document);
            try {
                channel.eventLoop().execute(() -> {
                    if (this.connection.isClosing()) {
                        response.release();
                        return;
                    }
                    this.connection.respond(response, keepAlive);
                });
            }
            catch (RejectedExecutionException ex) {
                response.release(); // the server has stopped
            }
        });
        if (!accepted) {
            throw HttpFailure.of(RpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take the request");
        }
    }

    private FullHttpResponse checkedDescription(HttpAuthentication authentication, Map<String, String> metadata,
            HttpVersion version, Supplier<byte[]> document) {
        try {
            authentication.checkDescription(metadata);
            return HttpResponses.json(version, Unpooled.wrappedBuffer(document.get()));
        }
        catch (RpcException ex) {
            return errorResponse(version, ex.getStatus(), new ErrorPayload(ex.getDescription(), null, null));
        }
        catch (RuntimeException ex) {
            logger.error("Checking the caller of a service description from {} failed",
                    this.connection.context().channel().remoteAddress(), ex);
            return errorResponse(version, RpcStatus.INTERNAL,
                    new ErrorPayload("checking the caller of the service description failed", null, null));
        }
    }

    private FullHttpResponse errorResponse(HttpVersion version, RpcStatus status, ErrorPayload error) {
        return HttpErrors.response(this.connection.context().alloc(), this.transport, version, status, error);
    }

}
