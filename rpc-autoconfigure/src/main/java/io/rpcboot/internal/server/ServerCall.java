package io.rpcboot.internal.server;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.protocol.ErrorPayload;
import io.rpcboot.internal.protocol.FrameCodec;
import io.rpcboot.internal.protocol.MethodDescriptor;
import io.rpcboot.internal.protocol.RequestFrame;
import io.rpcboot.internal.protocol.ResponseEncoder;

/**
 * One call of the binary protocol being served: runs the {@link ServerInvocation} of the requested
 * method and writes its outcome as a response frame. Runs on the server's executor; a cancel from
 * the caller interrupts it.
 */
final class ServerCall implements Runnable, ServerInvocation.Responder {

    private static final Logger logger = LoggerFactory.getLogger(ServerCall.class);

    private final ServerConnection connection;

    private final RequestFrame request;

    private final ServerInvocation invocation;

    ServerCall(ServerConnection connection, ServerMethod method, RequestFrame request) {
        this.connection = connection;
        this.request = request;
        this.invocation = new ServerInvocation(method, request.payload(), request.format(), request.timeoutMillis(),
                request.metadata(), connection.remoteAddress(), this, connection.server());
    }

    @Override
    public void run() {
        this.invocation.run();
    }

    void cancel() {
        this.invocation.cancel();
    }

    @Override
    public void onResult(@Nullable Object result) {
        ResponseEncoder encoder = this.connection.encoder();
        ByteBuf frame = null;
        try {
            frame = encoder.begin(this.connection.alloc(), this.request.id(), RpcStatus.OK,
                    this.invocation.responseMetadata(), this.request.format());
            descriptor().writeResult(frame, result, this.request.format());
            encoder.finish(frame);
        }
        catch (RuntimeException ex) {
            release(frame);
            logger.error("The result of {} could not be serialized", descriptor(), ex);
            this.connection.respondError(this.request.id(), RpcStatus.INTERNAL,
                    "the result of " + descriptor() + " could not be serialized");
            return;
        }
        catch (Throwable ex) {
            release(frame);
            this.connection.responseFailed(this.request.id(), descriptor(), ex);
            return;
        }
        if (!encoder.fits(frame, this.connection.peerMaxMessageSize())) {
            int length = FrameCodec.frameLength(frame);
            frame.release();
            this.connection.respondError(this.request.id(), RpcStatus.RESOURCE_EXHAUSTED, "the response of " + length
                    + " bytes is over the client's limit of " + this.connection.peerMaxMessageSize() + " bytes");
            return;
        }
        this.connection.respond(frame);
    }

    @Override
    public void onError(RpcStatus status, ErrorPayload error) {
        ByteBuf frame;
        try {
            frame = this.connection.encoder()
                .error(this.connection.alloc(), this.request.id(), status, this.invocation.responseMetadata(), error,
                        this.request.format(), this.connection.peerMaxMessageSize());
        }
        catch (Throwable ex) {
            this.connection.responseFailed(this.request.id(), descriptor(), ex);
            return;
        }
        this.connection.respond(frame);
    }

    private static void release(@Nullable ByteBuf frame) {
        if (frame != null) {
            frame.release();
        }
    }

    @Override
    public void onFinished() {
        this.connection.finished(this.request.id());
    }

    private MethodDescriptor descriptor() {
        return this.invocation.descriptor();
    }

}
