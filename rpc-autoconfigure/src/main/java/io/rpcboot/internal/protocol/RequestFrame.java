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
 * @param stream whether the request opens a stream call (flag STREAM)
 */
public record RequestFrame(int id, String service, String method, long timeoutMillis, Map<String, String> metadata,
        PayloadFormat format, ByteBuf payload, boolean stream) implements Frame {

    /**
     * A request that does not open a stream call.
     * @param id the request id
     * @param service the service name
     * @param method the method key
     * @param timeoutMillis the time the caller waits, {@code 0} for no deadline
     * @param metadata the request metadata
     * @param format the format of the payload
     * @param payload the array of the arguments
     */
    public RequestFrame(int id, String service, String method, long timeoutMillis, Map<String, String> metadata,
            PayloadFormat format, ByteBuf payload) {
        this(id, service, method, timeoutMillis, metadata, format, payload, false);
    }

}
