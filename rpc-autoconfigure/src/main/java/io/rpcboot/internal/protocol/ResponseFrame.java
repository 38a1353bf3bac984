package io.rpcboot.internal.protocol;

import java.util.Map;

import io.netty.buffer.ByteBuf;

import io.rpcboot.RpcStatus;

/**
 * A decoded response. The payload is a retained slice of the connection's buffer: whoever
 * handles the frame releases it.
 *
 * @param id the id of the request this answers
 * @param status the outcome
 * @param metadata the response metadata
 * @param format the format of the payload
 * @param payload the result when the status is {@link RpcStatus#OK} (empty for
 * {@code void}), otherwise an {@link ErrorPayload}
 * @param notProcessed whether the server's transport refused the call before any
 * application code ran ({@link FrameType#FLAG_NOT_PROCESSED})
 */
public record ResponseFrame(int id, RpcStatus status, Map<String, String> metadata, PayloadFormat format,
        ByteBuf payload, boolean notProcessed) implements Frame {

    /**
     * Creates a response of a call that the server processed.
     * @param id the id of the request this answers
     * @param status the outcome
     * @param metadata the response metadata
     * @param format the format of the payload
     * @param payload the result or error
     */
    public ResponseFrame(int id, RpcStatus status, Map<String, String> metadata, PayloadFormat format,
            ByteBuf payload) {
        this(id, status, metadata, format, payload, false);
    }

}
