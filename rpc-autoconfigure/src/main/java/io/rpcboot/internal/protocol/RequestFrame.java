package io.rpcboot.internal.protocol;

import java.util.Map;

import io.netty.buffer.ByteBuf;

/**
 * A decoded request. The payload is a retained slice of the connection's buffer: whoever
 * handles the frame releases it.
 *
 * @param id the request id, unique on its connection
 * @param service the fully qualified name of the service interface
 * @param method the method key, see {@link MethodDescriptor#key()}
 * @param timeoutMillis the time the caller still waits, in milliseconds, {@code 0} for no
 * deadline
 * @param metadata the request metadata
 * @param format the format of the payload, which the response uses too
 * @param payload the array of the arguments
 */
public record RequestFrame(int id, String service, String method, long timeoutMillis, Map<String, String> metadata,
        PayloadFormat format, ByteBuf payload) implements Frame {
}
