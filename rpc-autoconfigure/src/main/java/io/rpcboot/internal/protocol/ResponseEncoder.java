package io.rpcboot.internal.protocol;

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;

/**
 * Writes response frames within the peer's message size limit. A result is written in
 * steps ({@link #begin}, the payload, {@link #finish}) so that it is serialized straight
 * into its frame; {@link #fits} then tells whether the peer reads it. An error is written
 * in one step and always fits: a message too long for the peer's limit is cut, and says
 * so.
 */
public final class ResponseEncoder {

    /** What ends an error message that was cut to fit the peer's limit. */
    static final String TRUNCATED = " [truncated]";

    private static final int MAX_CUTS = 4;

    private static final ErrorPayload NOTHING_FITS = new ErrorPayload(TRUNCATED.strip(), null, null);

    private final PayloadCodec codec;

    /**
     * Creates an encoder.
     * @param codec the codec that writes error payloads
     */
    public ResponseEncoder(PayloadCodec codec) {
        this.codec = codec;
    }

    /**
     * Starts a response frame.
     * @param allocator the allocator of the connection
     * @param id the id of the request it answers
     * @param status the outcome
     * @param metadata the response metadata
     * @param format the format of the payload that follows
     * @return a buffer to append the payload to, then to pass to {@link #finish}
     */
    public ByteBuf begin(ByteBufAllocator allocator, int id, RpcStatus status, Map<String, String> metadata,
            PayloadFormat format) {
        return FrameCodec.beginResponse(allocator, id, status, metadata, format);
    }

    /**
     * Completes a frame started by {@link #begin}.
     * @param frame the frame with its payload
     * @return the same frame
     */
    public ByteBuf finish(ByteBuf frame) {
        return FrameCodec.finish(frame);
    }

    /**
     * Tells whether the peer reads a finished frame.
     * @param frame the finished frame
     * @param peerMaxMessageSize the largest frame the peer reads
     * @return whether the frame's length is within the peer's limit
     */
    public boolean fits(ByteBuf frame, int peerMaxMessageSize) {
        return FrameCodec.frameLength(frame) <= peerMaxMessageSize;
    }

    /**
     * Writes an error response within the peer's limit: when it does not fit, its message
     * is cut (and ends with {@value #TRUNCATED}); when even that is not enough, it goes
     * without metadata and with no message but {@code [truncated]}.
     * @param allocator the allocator of the connection
     * @param id the id of the request it answers
     * @param status the outcome
     * @param metadata the response metadata
     * @param error the error payload
     * @param format the format of the payload
     * @param peerMaxMessageSize the largest frame the peer reads
     * @return the finished frame
     */
    public ByteBuf error(ByteBufAllocator allocator, int id, RpcStatus status, Map<String, String> metadata,
            ErrorPayload error, PayloadFormat format, int peerMaxMessageSize) {
        ByteBuf frame = writeError(allocator, id, status, metadata, error, format);
        int excess = FrameCodec.frameLength(frame) - peerMaxMessageSize;
        String message = error.message();
        for (int cut = 0; excess > 0 && message != null && cut < MAX_CUTS; cut++) {
            frame.release();
            // each char takes at least one byte, so cutting as many chars as there are
            // bytes too
            // many is enough unless escaping made them longer; then the next round cuts
            // again
            message = cut(message, excess + TRUNCATED.length());
            ErrorPayload shorter = new ErrorPayload((message != null) ? message + TRUNCATED : TRUNCATED.strip(),
                    error.exception(), error.remoteType());
            frame = writeError(allocator, id, status, metadata, shorter, format);
            excess = FrameCodec.frameLength(frame) - peerMaxMessageSize;
        }
        if (excess > 0) {
            frame.release();
            frame = writeError(allocator, id, status, Map.of(), NOTHING_FITS, format);
        }
        return frame;
    }

    private ByteBuf writeError(ByteBufAllocator allocator, int id, RpcStatus status, Map<String, String> metadata,
            ErrorPayload error, PayloadFormat format) {
        ByteBuf frame = begin(allocator, id, status, metadata, format);
        try {
            this.codec.writeError(frame, error, format);
        }
        catch (Throwable ex) {
            frame.release();
            throw ex;
        }
        return FrameCodec.finish(frame);
    }

    private static @Nullable String cut(String message, int chars) {
        int keep = message.length() - chars;
        if (keep > 0 && Character.isHighSurrogate(message.charAt(keep - 1))) {
            keep--;
        }
        return (keep > 0) ? message.substring(0, keep) : null;
    }

}
