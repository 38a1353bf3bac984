package io.rpcboot.protocol;

import java.lang.reflect.Method;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Serializes payloads with the application's Jackson mapper, straight into and out of the frames'
 * buffers. One codec serves a whole server or client; per-method work is done once, by
 * {@link #describe(Method)}.
 */
public final class PayloadCodec {

    private final ObjectMapper mapper;

    private final ObjectWriter errorWriter;

    private final ObjectReader errorReader;

    /**
     * Creates a codec.
     * @param mapper the mapper whose configuration (modules, features) the payloads follow
     */
    public PayloadCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.errorWriter = mapper.writerFor(ErrorPayload.class);
        this.errorReader = mapper.readerFor(ErrorPayload.class);
    }

    /**
     * Computes what it takes to send and receive calls of a method of the interface that declares it.
     * @param method a method of a service interface
     * @return its descriptor
     */
    public MethodDescriptor describe(Method method) {
        return describe(method.getDeclaringClass(), method);
    }

    /**
     * Computes what it takes to send and receive calls of a method of a service interface, which
     * may inherit it from a generic interface: type variables resolve to the service interface's
     * type arguments ({@code T} of {@code Repository<T>} is {@code Item} for
     * {@code ItemRepository extends Repository<Item>}).
     * @param serviceInterface the service interface
     * @param method one of its methods, declared by it or inherited
     * @return its descriptor
     */
    public MethodDescriptor describe(Class<?> serviceInterface, Method method) {
        return new MethodDescriptor(serviceInterface, method, this.mapper);
    }

    /**
     * Appends an error payload to a frame.
     * @param frame the frame being written
     * @param error the error
     */
    public void writeError(ByteBuf frame, ErrorPayload error) {
        this.errorWriter.writeValue((java.io.OutputStream) new ByteBufOutputStream(frame), error);
    }

    /**
     * Reads an error payload; a payload that cannot be read yields an error that says so.
     * @param payload the payload of a response
     * @return the error
     */
    public ErrorPayload readError(ByteBuf payload) {
        if (!payload.isReadable()) {
            return new ErrorPayload("(no details sent)", null, null);
        }
        try {
            return this.errorReader.readValue((java.io.InputStream) new ByteBufInputStream(payload));
        }
        catch (JacksonException ex) {
            return new ErrorPayload("(unreadable error details: " + ex.getOriginalMessage() + ")", null, null);
        }
    }

}
