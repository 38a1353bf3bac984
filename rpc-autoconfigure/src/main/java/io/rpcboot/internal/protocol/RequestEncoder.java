package io.rpcboot.internal.protocol;

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;

/**
 * Encodes a request frame in one pass: its header, the arguments serialized straight into
 * the frame's buffer, its length, and the check against the largest message the server
 * reads. Its id is left for the connection to set when it writes the frame
 * ({@link FrameCodec#setRequestId}).
 */
public final class RequestEncoder {

    private RequestEncoder() {
    }

    /**
     * Encodes a request.
     * @param allocator the allocator of the connection
     * @param service the service name as UTF-8 bytes
     * @param method the method called
     * @param timeoutMillis the remaining time of the call, {@code 0} for none
     * @param metadata the request metadata
     * @param arguments the arguments, {@code null} for none
     * @param format the payload format
     * @param peerMaxMessageSize the largest message the server reads
     * @return the finished frame, which the caller owns
     * @throws RpcException {@code INVALID_ARGUMENT} when the arguments cannot be
     * serialized, {@code RESOURCE_EXHAUSTED} when the frame is over the server's limit;
     * nothing is left to release
     */
    public static ByteBuf encode(ByteBufAllocator allocator, byte[] service, MethodDescriptor method,
            long timeoutMillis, Map<String, String> metadata, Object @Nullable [] arguments, PayloadFormat format,
            int peerMaxMessageSize) {
        ByteBuf frame = FrameCodec.beginRequest(allocator, service, method.keyBytes(), timeoutMillis, metadata, format);
        try {
            method.writeArguments(frame, arguments, format);
        }
        catch (RuntimeException ex) {
            frame.release();
            throw new RpcException(RpcStatus.INVALID_ARGUMENT,
                    "the arguments of " + method + " could not be serialized: " + ex.getMessage(), ex);
        }
        FrameCodec.finish(frame);
        int length = FrameCodec.frameLength(frame);
        if (length > peerMaxMessageSize) {
            frame.release();
            throw new RpcException(RpcStatus.RESOURCE_EXHAUSTED, "the request to " + method + " of " + length
                    + " bytes is over the server's limit of " + peerMaxMessageSize + " bytes");
        }
        return frame;
    }

}
