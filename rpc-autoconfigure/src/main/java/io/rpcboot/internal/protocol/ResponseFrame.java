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
 */
public record ResponseFrame(int id, RpcStatus status, Map<String, String> metadata, PayloadFormat format,
        ByteBuf payload) implements Frame {
}
