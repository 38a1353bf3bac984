package io.rpcboot.internal.server.http;

import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;

/**
 * Takes the answers of one connection's unary calls from the threads that ran them to the
 * connection's event loop, which writes each while its call is still the one being
 * served, and releases it otherwise (its deadline passed, or the connection closed).
 */
final class HttpCallAnswers {

    private final HttpConnection connection;

    private final HttpTransport transport;

    HttpCallAnswers(HttpConnection connection, HttpTransport transport) {
        this.connection = connection;
        this.transport = transport;
    }

    /**
     * Takes the answer of a call; from any thread.
     * @param call the call
     * @param response its answer
     */
    void complete(HttpCall call, FullHttpResponse response) {
        try {
            this.connection.context().channel().eventLoop().execute(() -> {
                if (!this.connection.isServing(call)) {
                    response.release(); // its deadline passed, or the connection closed
                    return;
                }
                this.connection.answered(call);
                this.connection.respond(response, call.keepAlive());
            });
        }
        catch (RejectedExecutionException ex) {
            response.release(); // the server has stopped
        }
    }

    /**
     * Takes the failure of a call whose answer could not be made (no memory for it); from
     * any thread. The connection closes: its client would otherwise wait for that answer
     * forever.
     * @param call the call
     * @param cause why its answer could not be made
     */
    void answerFailed(HttpCall call, Throwable cause) {
        try {
            this.connection.context().channel().eventLoop().execute(() -> {
                if (this.connection.isServing(call)) {
                    this.connection.answered(call);
                    this.connection.abort("the answer to " + call + " could not be made", cause);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            // the server has stopped, and with it the connection
        }
    }

    /**
     * Returns the error response of a call.
     * @param version the request's HTTP version
     * @param status the status of the failure
     * @param error its details
     * @return the response
     */
    FullHttpResponse errorResponse(HttpVersion version, RpcStatus status, ErrorPayload error) {
        return HttpErrors.response(alloc(), this.transport, version, status, error);
    }

    ByteBufAllocator alloc() {
        return this.connection.context().alloc();
    }

}
