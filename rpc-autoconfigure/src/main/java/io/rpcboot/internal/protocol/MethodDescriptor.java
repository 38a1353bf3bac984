package io.rpcboot.internal.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.type.TypeBindings;
import tools.jackson.databind.type.TypeFactory;

/**
 * What crosses the wire for one method of a service interface, computed once: its key,
 * its parameter and result types as the service interface sees them (type variables of
 * generic super-interfaces resolved), the readers and writers of its arguments and result
 * for each payload format, and the exceptions it declares. Both the server and the client
 * use it; a call only loops over the precomputed parts.
 */
public final class MethodDescriptor {

    /**
     * The most room {@link #writeResult} makes in a frame ahead of writing a result:
     * larger results grow their frame as they are written.
     */
    private static final int MAX_RESULT_SIZE_HINT = 1 << 20;

    private final Class<?> serviceInterface;

    private final String serviceName;

    private final Method method;

    private final String key;

    private final byte[] keyBytes;

    private final @Nullable Binding[] bindings;

    private final boolean[] primitiveParameters;

    private final MethodShape shape;

    private final int streamParameter;

    private final @Nullable JavaType parameterElementType;

    private final List<Class<? extends Throwable>> declaredExceptions;

    private final List<JavaType> parameterTypes;

    private final JavaType returnType;

    private final JavaType resultType;

    MethodDescriptor(Class<?> serviceInterface, Method method, @Nullable ObjectMapper[] mappers) {
        this.serviceInterface = serviceInterface;
        this.serviceName = serviceInterface.getName();
        this.method = method;
        this.key = keyOf(method);
        this.keyBytes = this.key.getBytes(StandardCharsets.UTF_8);
        Class<?>[] parameterClasses = method.getParameterTypes();
        this.primitiveParameters = new boolean[parameterClasses.length];
        for (int i = 0; i < parameterClasses.length; i++) {
            this.primitiveParameters[i] = parameterClasses[i].isPrimitive();
        }
        TypeFactory types = typeFactory(mappers);
        TypeBindings typeBindings = bindingsOf(serviceInterface, method.getDeclaringClass(), types);
        Type[] genericParameters = method.getGenericParameterTypes();
        JavaType[] resolved = new JavaType[genericParameters.length];
        for (int i = 0; i < genericParameters.length; i++) {
            resolved[i] = types.resolveMemberType(genericParameters[i], typeBindings);
        }
        this.parameterTypes = List.of(resolved);
        this.returnType = types.resolveMemberType(method.getGenericReturnType(), typeBindings);
        MethodShapes.Classified classified = MethodShapes.classify(serviceInterface.getName() + "." + this.key, method,
                this.returnType, this.parameterTypes, types);
        this.shape = classified.shape();
        this.resultType = classified.resultElement();
        this.streamParameter = classified.streamParameter();
        this.parameterElementType = classified.parameterElement();
        this.bindings = new Binding[mappers.length];
        for (int format = 0; format < mappers.length; format++) {
            ObjectMapper mapper = mappers[format];
            this.bindings[format] = (mapper != null) ? new Binding(mapper, this.parameterTypes, this.resultType,
                    this.streamParameter, this.parameterElementType) : null;
        }
        this.declaredExceptions = mostSpecificFirst(method.getExceptionTypes());
    }

    /**
     * Returns the key that names a method on the wire: its name and its parameters'
     * erased types, for example {@code find(long,java.lang.String)}. Overloads have
     * different keys.
     * @param method the method
     * @return the key
     */
    static String keyOf(Method method) {
        return Arrays.stream(method.getParameterTypes())
            .map(Class::getTypeName)
            .collect(Collectors.joining(",", method.getName() + "(", ")"));
    }

    /**
     * Returns the name of a resolved type as Java writes generic types
     * ({@link Type#getTypeName()}), for example
     * {@code java.util.Map<java.lang.String, java.lang.Long>} or
     * {@code java.lang.String[]}.
     * @param type a type
     * @return its name
     */
    public static String typeName(JavaType type) {
        if (type.isArrayType()) {
            return typeName(type.getContentType()) + "[]";
        }
        String raw = type.getRawClass().getTypeName();
        if (type.containedTypeCount() == 0) {
            return raw;
        }
        StringBuilder name = new StringBuilder(raw).append('<');
        for (int i = 0; i < type.containedTypeCount(); i++) {
            name.append((i > 0) ? ", " : "").append(typeName(type.containedType(i)));
        }
        return name.append('>').toString();
    }

    /**
     * Returns the fully qualified name of the service interface, the service's name on
     * the wire.
     * @return the service name
     */
    public String serviceName() {
        return this.serviceName;
    }

    /**
     * Returns the interface method.
     * @return the method
     */
    public Method method() {
        return this.method;
    }

    /**
     * Returns the key of the method on the wire.
     * @return the key
     */
    public String key() {
        return this.key;
    }

    /**
     * Returns the key as UTF-8 bytes.
     * @return the bytes, not to be modified
     */
    public byte[] keyBytes() {
        return this.keyBytes;
    }

    /**
     * Returns the number of parameters.
     * @return the parameter count
     */
    public int parameterCount() {
        return this.primitiveParameters.length;
    }

    /**
     * Returns the types of the parameters as the service interface sees them: type
     * variables of a generic super-interface resolved, as in {@code Long} for {@code ID}
     * of {@code find(ID id)} in {@code interface Users extends Repository<User, Long>}.
     * @return the resolved parameter types, in order
     */
    public List<JavaType> parameterTypes() {
        return this.parameterTypes;
    }

    /**
     * Returns the return type as the service interface sees it, type variables resolved;
     * for an asynchronous method the future type itself, such as
     * {@code CompletableFuture<User>}.
     * @return the resolved return type
     */
    public JavaType returnType() {
        return this.returnType;
    }

    /**
     * Returns the type of the result that crosses the wire, type variables resolved: the
     * return type, or for an asynchronous method the type of the future's value;
     * {@code void} or {@code Void} for methods without a result.
     * @return the resolved result type
     */
    public JavaType resultType() {
        return this.resultType;
    }

    /**
     * Returns whether the method returns a {@link CompletableFuture} or
     * {@link CompletionStage}.
     * @return whether results come through a future
     */
    public boolean isAsynchronous() {
        return this.shape == MethodShape.FUTURE;
    }

    /**
     * Returns how the method's values cross the wire.
     * @return its shape
     */
    public MethodShape shape() {
        return this.shape;
    }

    /**
     * Returns the index of the stream parameter.
     * @return the index, {@code -1} when the method takes no stream
     */
    public int streamParameter() {
        return this.streamParameter;
    }

    /**
     * Returns the type of one element of the stream parameter, type variables resolved.
     * @return the element type, {@code null} when the method takes no stream
     */
    public @Nullable JavaType parameterElementType() {
        return this.parameterElementType;
    }

    /**
     * Returns whether the stream parameter is declared as a {@code Flux} (rather than a
     * {@code Publisher}).
     * @return whether the implementation expects a {@code Flux}
     */
    public boolean streamParameterIsFlux() {
        return this.streamParameter >= 0
                && this.parameterTypes.get(this.streamParameter).getRawClass().getName().equals(MethodShapes.FLUX);
    }

    /**
     * Returns whether the method's result stream is declared as a {@code Flux} (rather
     * than a {@code Publisher}).
     * @return whether callers expect a {@code Flux}
     */
    public boolean resultIsFlux() {
        return this.returnType.getRawClass().getName().equals(MethodShapes.FLUX);
    }

    /**
     * Appends the arguments of a call, as an array with one element per parameter, to a
     * frame.
     * @param frame the frame being written
     * @param arguments the arguments, {@code null} for none
     * @param format the payload format
     */
    public void writeArguments(ByteBuf frame, Object @Nullable [] arguments, PayloadFormat format) {
        Binding binding = binding(format);
        try (JsonGenerator generator = binding.mapper.createGenerator((OutputStream) new ByteBufOutputStream(frame))) {
            generator.writeStartArray();
            if (arguments != null) {
                for (int i = 0; i < binding.argumentWriters.length; i++) {
                    if (i == this.streamParameter) {
                        generator.writeNull(); // its elements follow in MESSAGE frames
                    }
                    else {
                        binding.argumentWriters[i].writeValue(generator, arguments[i]);
                    }
                }
            }
            generator.writeEndArray();
        }
    }

    /**
     * Reads the arguments of a call.
     * @param payload the array of the arguments
     * @param format the payload format
     * @return the arguments
     * @throws IllegalArgumentException when the payload is not an array of as many
     * arguments of the right types
     */
    public Object[] readArguments(ByteBuf payload, PayloadFormat format) {
        Binding binding = binding(format);
        Object[] arguments = new Object[this.primitiveParameters.length];
        try (JsonParser parser = binding.mapper.createParser((InputStream) new ByteBufInputStream(payload))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("arguments must be a " + format.displayName() + " array");
            }
            for (int i = 0; i < arguments.length; i++) {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    throw new IllegalArgumentException(
                            "expected " + arguments.length + " arguments for " + this.key + ", got " + i);
                }
                arguments[i] = readArgument(binding, i, parser);
            }
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("more than " + arguments.length + " arguments for " + this.key);
            }
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(
                    "arguments of " + this.key + " are not readable: " + ex.getOriginalMessage(), ex);
        }
        catch (IllegalArgumentException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            // a deserializer of the application that throws its own exception for a value
            // it refuses
            throw new IllegalArgumentException("arguments of " + this.key + " are not readable: " + ex, ex);
        }
        return arguments;
    }

    private @Nullable Object readArgument(Binding binding, int index, JsonParser parser) {
        if (index == this.streamParameter) {
            parser.skipChildren(); // the stream's slot: its elements come in MESSAGE
                                   // frames
            return null;
        }
        Object value = binding.argumentReaders[index].readValue(parser);
        if (value == null && this.primitiveParameters[index]) {
            throw new IllegalArgumentException("argument " + index + " of " + this.key + " must not be null");
        }
        return value;
    }

    /**
     * Appends a result to a frame; writes nothing for {@code void} methods.
     * @param frame the frame being written
     * @param result the result
     * @param format the payload format
     */
    public void writeResult(ByteBuf frame, @Nullable Object result, PayloadFormat format) {
        Binding binding = binding(format);
        ObjectWriter writer = binding.resultWriter;
        if (writer != null && !this.shape.streamsResults()) {
            // room for a result as large as the last one at once, rather than copying a
            // large result into ever larger buffers as it is written
            frame.ensureWritable(binding.lastResultSize, false);
            int start = frame.writerIndex();
            writer.writeValue((OutputStream) new ByteBufOutputStream(frame), result);
            binding.lastResultSize = Math.min(frame.writerIndex() - start, MAX_RESULT_SIZE_HINT);
        }
    }

    /**
     * Reads a result.
     * @param payload the payload of an OK response
     * @param format the payload format
     * @return the result, {@code null} for {@code void} methods
     */
    public @Nullable Object readResult(ByteBuf payload, PayloadFormat format) {
        ObjectReader reader = binding(format).resultReader;
        if (reader == null || !payload.isReadable() || this.shape.streamsResults()) {
            return null;
        }
        return reader.readValue((InputStream) new ByteBufInputStream(payload));
    }

    /**
     * Appends one element of a result stream to a MESSAGE frame, with the writer prepared
     * for the element type.
     * @param frame the frame being written
     * @param element the element
     * @param format the payload format
     */
    public void writeResultElement(ByteBuf frame, @Nullable Object element, PayloadFormat format) {
        writeElement(binding(format).resultWriter, frame, element);
    }

    /**
     * Reads one element of a result stream.
     * @param payload the body of a MESSAGE frame
     * @param format the payload format
     * @return the element
     */
    public @Nullable Object readResultElement(ByteBuf payload, PayloadFormat format) {
        return readElement(binding(format).resultReader, payload);
    }

    /**
     * Appends one element of the stream parameter to a MESSAGE frame.
     * @param frame the frame being written
     * @param element the element
     * @param format the payload format
     */
    public void writeParameterElement(ByteBuf frame, @Nullable Object element, PayloadFormat format) {
        writeElement(binding(format).parameterElementWriter, frame, element);
    }

    /**
     * Reads one element of the stream parameter.
     * @param payload the body of a MESSAGE frame
     * @param format the payload format
     * @return the element
     */
    public @Nullable Object readParameterElement(ByteBuf payload, PayloadFormat format) {
        return readElement(binding(format).parameterElementReader, payload);
    }

    private static void writeElement(@Nullable ObjectWriter writer, ByteBuf frame, @Nullable Object element) {
        if (writer == null) {
            throw new IllegalStateException("no stream of elements here");
        }
        writer.writeValue((OutputStream) new ByteBufOutputStream(frame), element);
    }

    private static @Nullable Object readElement(@Nullable ObjectReader reader, ByteBuf payload) {
        if (reader == null) {
            throw new IllegalStateException("no stream of elements here");
        }
        return reader.readValue((InputStream) new ByteBufInputStream(payload));
    }

    // an index into this JVM's array, never stored or sent
    @SuppressWarnings("EnumOrdinal")
    private Binding binding(PayloadFormat format) {
        Binding binding = this.bindings[format.ordinal()];
        if (binding == null) {
            throw new IllegalArgumentException("payload format " + format.displayName() + " is not configured");
        }
        return binding;
    }

    /**
     * Returns the most specific exception type the method declares that the given
     * exception is an instance of.
     * @param exception an exception thrown by the implementation
     * @return the declared type, or {@code null} when none matches
     */
    public @Nullable Class<? extends Throwable> declaredTypeOf(Throwable exception) {
        for (Class<? extends Throwable> type : this.declaredExceptions) {
            if (type.isInstance(exception)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Returns the declared exception types, the most specific first.
     * @return the types
     */
    public List<Class<? extends Throwable>> declaredExceptions() {
        return this.declaredExceptions;
    }

    @Override
    public String toString() {
        return this.serviceInterface.getName() + "." + this.key;
    }

    /**
     * Returns the bindings of the type variables of the interface that declares a method,
     * as the service interface binds them: for
     * {@code ItemRepository extends Repository<Item>}, {@code T} of {@code Repository} is
     * {@code Item}.
     */
    private static TypeBindings bindingsOf(Class<?> serviceInterface, Class<?> declaringClass, TypeFactory types) {
        JavaType declaring = types.constructType(serviceInterface).findSuperType(declaringClass);
        return (declaring != null) ? declaring.getBindings() : TypeBindings.emptyBindings();
    }

    private static TypeFactory typeFactory(@Nullable ObjectMapper[] mappers) {
        for (ObjectMapper mapper : mappers) {
            if (mapper != null) {
                return mapper.getTypeFactory();
            }
        }
        return TypeFactory.createDefaultInstance();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>> mostSpecificFirst(Class<?>[] exceptionTypes) {
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (Class<?> type : exceptionTypes) {
            types.add((Class<? extends Throwable>) type);
        }
        types.sort(Comparator.comparingInt(MethodDescriptor::depth).reversed());
        return List.copyOf(types);
    }

    private static int depth(Class<?> type) {
        int depth = 0;
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    /**
     * The readers and writers of one payload format, for the types resolved against the
     * service interface.
     */
    private static final class Binding {

        final ObjectMapper mapper;

        final ObjectReader[] argumentReaders;

        final ObjectWriter[] argumentWriters;

        final @Nullable ObjectReader resultReader;

        final @Nullable ObjectWriter resultWriter;

        final @Nullable ObjectReader parameterElementReader;

        final @Nullable ObjectWriter parameterElementWriter;

        /**
         * The size of the last result written, in bytes; written and read by every thread
         * that writes results without synchronization: a stale value only costs a buffer
         * of another size.
         */
        int lastResultSize;

        Binding(ObjectMapper mapper, List<JavaType> parameterTypes, JavaType resultType, int streamParameter,
                @Nullable JavaType parameterElementType) {
            this.mapper = mapper;
            this.argumentReaders = new ObjectReader[parameterTypes.size()];
            this.argumentWriters = new ObjectWriter[parameterTypes.size()];
            for (int i = 0; i < this.argumentReaders.length; i++) {
                // the stream parameter's slot is null on the wire; its elements have
                // their
                // own reader
                JavaType type = (i == streamParameter) ? mapper.constructType(Object.class) : parameterTypes.get(i);
                this.argumentReaders[i] = mapper.readerFor(type)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
                this.argumentWriters[i] = mapper.writerFor(type);
            }
            if (resultType.hasRawClass(void.class) || resultType.hasRawClass(Void.class)) {
                this.resultReader = null;
                this.resultWriter = null;
            }
            else {
                this.resultReader = mapper.readerFor(resultType);
                this.resultWriter = mapper.writerFor(resultType);
            }
            if (parameterElementType != null) {
                this.parameterElementReader = mapper.readerFor(parameterElementType);
                this.parameterElementWriter = mapper.writerFor(parameterElementType);
            }
            else {
                this.parameterElementReader = null;
                this.parameterElementWriter = null;
            }
        }

    }

}
