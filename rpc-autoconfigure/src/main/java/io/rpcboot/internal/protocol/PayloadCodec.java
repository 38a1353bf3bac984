package io.rpcboot.internal.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes payloads with the application's Jackson mapper (JSON) and its Smile twin,
 * straight into and out of the frames' buffers. One codec serves a whole server or
 * client; per-method work is done once, by {@link #describe(Class, Method)}. Error
 * details are part of the protocol rather than a payload: they are written and read field
 * by field, so that the application's data binding customizations (a naming strategy, a
 * serializer for strings) cannot rename or reshape them.
 */
public final class PayloadCodec {

    private static final String MESSAGE = "message";

    private static final String EXCEPTION = "exception";

    private static final String REMOTE_TYPE = "remoteType";

    private final @Nullable ObjectMapper[] mappers = new ObjectMapper[PayloadFormat.values().length];

    private final int formats;

    /**
     * Creates a codec that reads and writes JSON with the given mapper, and Smile with
     * its twin (see {@link SmileMappers#twinOf(ObjectMapper)}).
     * @param jsonMapper the mapper whose configuration (modules, features) the payloads
     * follow; a {@code JsonMapper} or another mapper that supports {@code rebuild()}
     */
    public PayloadCodec(ObjectMapper jsonMapper) {
        this(jsonMapper, SmileMappers.twinOf(jsonMapper));
    }

    /**
     * Creates a codec with a mapper per format.
     * @param jsonMapper the mapper of JSON payloads
     * @param smileMapper the mapper of Smile payloads, {@code null} for a codec that only
     * speaks JSON (its peers never send Smile, as its settings do not announce it)
     */
    // an index into this JVM's array, never stored or sent
    @SuppressWarnings("EnumOrdinal")
    public PayloadCodec(ObjectMapper jsonMapper, @Nullable ObjectMapper smileMapper) {
        this.mappers[PayloadFormat.JSON.ordinal()] = jsonMapper;
        this.mappers[PayloadFormat.SMILE.ordinal()] = smileMapper;
        int formats = 0;
        for (PayloadFormat format : PayloadFormat.values()) {
            if (this.mappers[format.ordinal()] != null) {
                formats |= format.settingsBit();
            }
        }
        this.formats = formats;
    }

    /**
     * Creates the codec that rpcboot's auto-configuration uses: JSON with a copy of the
     * application's mapper ({@code rebuild()}, the application's mapper itself is left as
     * it is) that adds the {@link ConstructorCreatorsModule}, refuses a floating-point
     * number for an integer (a {@code 3.7} sent for an {@code int} fails the call rather
     * than arriving as {@code 3}) and then applies the RPC-only customizations; Smile
     * with its twin.
     * @param applicationMapper the application's mapper, whose configuration the payloads
     * follow
     * @param customizers RPC-only customizations of the copy's builder, applied in order
     * (they may undo the defaults above)
     * @param virtualThreads whether calls run on virtual threads: the Smile mapper then
     * takes its buffers from a shared pool rather than keeping them per thread
     * @return the codec
     */
    public static PayloadCodec forApplication(JsonMapper applicationMapper,
            List<? extends Consumer<JsonMapper.Builder>> customizers, boolean virtualThreads) {
        return RpcMappers.codecFor(applicationMapper, customizers, virtualThreads);
    }

    /**
     * Returns the mapper that writes and reads JSON payloads.
     * @return the mapper
     */
    public ObjectMapper mapper() {
        return mapper(PayloadFormat.JSON);
    }

    /**
     * Returns the mapper of a payload format.
     * @param format the format
     * @return the mapper
     * @throws IllegalArgumentException when this codec does not speak the format
     */
    // an index into this JVM's array, never stored or sent
    @SuppressWarnings("EnumOrdinal")
    public ObjectMapper mapper(PayloadFormat format) {
        ObjectMapper mapper = this.mappers[format.ordinal()];
        if (mapper == null) {
            throw new IllegalArgumentException("payload format " + format.displayName() + " is not configured");
        }
        return mapper;
    }

    /**
     * Returns whether this codec reads and writes a payload format.
     * @param format the format
     * @return whether it does
     */
    public boolean supports(PayloadFormat format) {
        return format.isIn(this.formats);
    }

    /**
     * Returns the bit set of the formats this codec reads, as the PAYLOAD_FORMATS setting
     * sends it.
     * @return the bit set
     */
    public int formats() {
        return this.formats;
    }

    /**
     * Returns the format to send payloads in to a peer.
     * @param preferred the format the sender would like to use
     * @param peerFormats the formats the peer announced
     * @return the preferred format when both sides speak it, otherwise JSON
     */
    public PayloadFormat negotiate(PayloadFormat preferred, int peerFormats) {
        return (supports(preferred) && preferred.isIn(peerFormats)) ? preferred : PayloadFormat.JSON;
    }

    /**
     * Computes what it takes to send and receive calls of a method of the interface that
     * declares it.
     * @param method a method of a service interface
     * @return its descriptor
     */
    public MethodDescriptor describe(Method method) {
        return describe(method.getDeclaringClass(), method);
    }

    /**
     * Computes what it takes to send and receive calls of a method of a service
     * interface, which may inherit it from a generic interface: type variables resolve to
     * the service interface's type arguments ({@code T} of {@code Repository<T>} is
     * {@code Item} for {@code ItemRepository extends Repository<Item>}).
     * @param serviceInterface the service interface
     * @param method one of its methods, declared by it or inherited
     * @return its descriptor
     */
    public MethodDescriptor describe(Class<?> serviceInterface, Method method) {
        return new MethodDescriptor(serviceInterface, method, this.mappers);
    }

    /**
     * Appends an error payload to a frame: a JSON object with the fields {@code message},
     * {@code exception} and {@code remoteType}, each left out when {@code null}.
     * @param frame the frame being written
     * @param error the error
     * @param format the payload format
     */
    void writeError(ByteBuf frame, ErrorPayload error, PayloadFormat format) {
        try (JsonGenerator generator = mapper(format).createGenerator((OutputStream) new ByteBufOutputStream(frame))) {
            generator.writeStartObject();
            writeProperty(generator, MESSAGE, error.message());
            writeProperty(generator, EXCEPTION, error.exception());
            writeProperty(generator, REMOTE_TYPE, error.remoteType());
            generator.writeEndObject();
        }
    }

    /**
     * Reads an error payload, ignoring fields it does not know; a payload that cannot be
     * read yields an error that says so.
     * @param payload the payload of a response
     * @param format the payload format
     * @return the error
     */
    public ErrorPayload readError(ByteBuf payload, PayloadFormat format) {
        if (!payload.isReadable()) {
            return new ErrorPayload("(no details sent)", null, null);
        }
        try (JsonParser parser = mapper(format).createParser((InputStream) new ByteBufInputStream(payload))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new ErrorPayload("(unreadable error details: not an object)", null, null);
            }
            String message = null;
            String exception = null;
            String remoteType = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String value = (parser.nextToken() == JsonToken.VALUE_STRING) ? parser.getString() : null;
                parser.skipChildren();
                switch (name) {
                    case MESSAGE -> message = value;
                    case EXCEPTION -> exception = value;
                    case REMOTE_TYPE -> remoteType = value;
                    default -> {
                        // a field of a later protocol version
                    }
                }
            }
            return new ErrorPayload(message, exception, remoteType);
        }
        catch (JacksonException ex) {
            return new ErrorPayload("(unreadable error details: " + ex.getOriginalMessage() + ")", null, null);
        }
    }

    private static void writeProperty(JsonGenerator generator, String name, @Nullable String value) {
        if (value != null) {
            generator.writeStringProperty(name, value);
        }
    }

}
