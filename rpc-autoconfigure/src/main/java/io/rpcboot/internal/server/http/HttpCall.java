package io.rpcboot.internal.server.http;

import java.util.concurrent.Future;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.PayloadFormat;
import io.rpcboot.internal.server.ServerInvocation;

/**
 * One call made over HTTP: turns the outcome of its invocation into an HTTP response
 * (serialized on the thread that ran the call) and hands it to its connection, which
 * writes it in turn. It is also the task of the call's deadline timer: when the deadline
 * passes first, the invocation answers {@code DEADLINE_EXCEEDED} through it at once
 * (504), without interrupting the method. When there is no memory for the response, the
 * connection is told so and closes, rather than leaving its client waiting for an answer
 * that never comes.
 */
final class HttpCall implements ServerInvocation.Responder, Runnable {

    private static final Logger logger = LoggerFactory.getLogger(HttpCall.class);

    private final HttpConnection connection;

    private final MethodDescriptor method;

    private final HttpVersion version;

    private final boolean keepAlive;

    private final long timeoutMillis;

    private @Nullable ServerInvocation invocation;

    private @Nullable Future<?> deadline;

    HttpCall(HttpConnection connection, MethodDescriptor method, HttpVersion version, boolean keepAlive,
            long timeoutMillis) {
        this.connection = connection;
        this.method = method;
        this.version = version;
        this.keepAlive = keepAlive;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onResult(@Nullable Object result) {
        ByteBuf body;
        try {
            body = this.connection.alloc().buffer();
        }
        catch (OutOfMemoryError ex) {
            this.connection.answerFailed(this, ex);
            return;
        }
        try {
            this.method.writeResult(body, result, PayloadFormat.JSON);
        }
        catch (RuntimeException ex) {
            body.release();
            logger.error("The result of {} could not be serialized", this.method, ex);
            onError(RpcStatus.INTERNAL,
                    new ErrorPayload("the result of " + this.method + " could not be serialized", null, null));
            return;
        }
        catch (OutOfMemoryError ex) {
            body.release();
            this.connection.answerFailed(this, ex);
            return;
        }
        if (body.isReadable()) {
            this.connection.complete(this, HttpResponses.json(this.version, body));
        }
        else {
            body.release();
            this.connection.complete(this, HttpResponses.noContent(this.version));
        }
    }

    @Override
    public void onError(RpcStatus status, ErrorPayload error) {
        FullHttpResponse response;
        try {
            response = this.connection.errorResponse(this.version, status, error);
        }
        catch (RuntimeException | OutOfMemoryError ex) {
            this.connection.answerFailed(this, ex);
            return;
        }
        this.connection.complete(this, response);
    }

    @Override
    public void onFinished() {
    }

    /**
     * The deadline passed: the invocation answers {@code DEADLINE_EXCEEDED} unless it has
     * its outcome.
     */
    @Override
    public void run() {
        ServerInvocation invocation = this.invocation;
        if (invocation != null) {
            invocation.deadlinePassed();
        }
    }

    /**
     * Records what runs the call; on the connection's event loop.
     * @param invocation the running invocation
     * @param deadline the timer of the call's deadline, {@code null} without one
     */
    void started(ServerInvocation invocation, @Nullable Future<?> deadline) {
        this.invocation = invocation;
        this.deadline = deadline;
    }

    /**
     * Forgets the call's timer once it has an answer; on the connection's event loop.
     */
    void answered() {
        if (this.deadline != null) {
            this.deadline.cancel(false);
        }
    }

    /**
     * Stops the call: its answer is no longer wanted; on the connection's event loop.
     */
    void cancel() {
        answered();
        if (this.invocation != null) {
            this.invocation.cancel();
        }
    }

    boolean keepAlive() {
        return this.keepAlive;
    }

    long timeoutMillis() {
        return this.timeoutMillis;
    }

    @Override
    public String toString() {
        return this.method.toString();
    }

}
