package io.rpcboot.internal.protocol;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Classifies a method into its {@link MethodShape}, with the element types of its
 * streams, and refuses the types rpcboot cannot carry. Reactor and Reactive Streams types
 * are recognised by name, so that classifying a method never loads them: an application
 * without reactor-core classifies its methods as it always did.
 */
final class MethodShapes {

    static final String FLUX = "reactor.core.publisher.Flux";

    static final String MONO = "reactor.core.publisher.Mono";

    static final String PUBLISHER = "org.reactivestreams.Publisher";

    private static final String REACTOR_DEPENDENCY = "io.projectreactor:reactor-core";

    private static final List<String> UNCARRIABLE = List.of("java.util.stream.BaseStream", "java.io.InputStream",
            "java.io.OutputStream", "java.io.Reader", "java.io.Writer", "java.util.Iterator", "java.util.Spliterator",
            "java.nio.channels.Channel");

    private MethodShapes() {
    }

    /**
     * Classifies a method.
     * @param described the method as messages name it ({@code Service.key()})
     * @param method the method
     * @param returnType its return type, resolved
     * @param parameterTypes its parameter types, resolved
     * @param types the type factory
     * @return the shape and element types
     * @throws IllegalArgumentException naming the method when rpcboot cannot carry a type
     */
    static Classified classify(String described, Method method, JavaType returnType, List<JavaType> parameterTypes,
            TypeFactory types) {
        int streamParameter = -1;
        for (int i = 0; i < parameterTypes.size(); i++) {
            Class<?> raw = parameterTypes.get(i).getRawClass();
            refuseUncarriable(described, raw, "parameter " + i);
            if (isNamed(raw, MONO)) {
                throw new IllegalArgumentException("Method " + described + " takes a Mono (parameter " + i
                        + "), which rpcboot cannot carry: take the value itself, or a Flux for a stream");
            }
            if (isStream(raw)) {
                if (streamParameter >= 0) {
                    throw new IllegalArgumentException("Method " + described
                            + " takes two stream parameters; rpcboot carries at most one stream parameter per method");
                }
                streamParameter = i;
            }
        }
        Class<?> returned = returnType.getRawClass();
        refuseUncarriable(described, returned, "its result");
        boolean mono = isNamed(returned, MONO);
        boolean resultStream = isStream(returned);
        if (mono || resultStream || streamParameter >= 0) {
            requireReactor(described, method);
        }
        JavaType parameterElement = (streamParameter >= 0) ? elementOf(parameterTypes.get(streamParameter), types)
                : null;
        if (resultStream) {
            return new Classified((streamParameter >= 0) ? MethodShape.BIDIRECTIONAL : MethodShape.RESULT_STREAM,
                    elementOf(returnType, types), streamParameter, parameterElement);
        }
        if (mono) {
            return new Classified((streamParameter >= 0) ? MethodShape.PARAMETER_STREAM : MethodShape.MONO,
                    elementOf(returnType, types), streamParameter, parameterElement);
        }
        if (streamParameter >= 0) {
            throw new IllegalArgumentException("Method " + described + " takes a stream parameter and returns "
                    + returned.getTypeName() + ": a method with a stream parameter returns a Mono (one result) or a "
                    + "Flux (a stream of results)");
        }
        if (CompletionStage.class.isAssignableFrom(returned)) {
            JavaType[] value = returnType.findTypeParameters(CompletionStage.class);
            return new Classified(MethodShape.FUTURE,
                    (value.length == 1) ? value[0] : types.constructType(Object.class), -1, null);
        }
        return new Classified(MethodShape.UNARY, returnType, -1, null);
    }

    private static void refuseUncarriable(String described, Class<?> type, String what) {
        for (String name : UNCARRIABLE) {
            if (isA(type, name)) {
                throw new IllegalArgumentException("Method " + described + " uses " + type.getTypeName() + " for "
                        + what + ", which rpcboot cannot carry: use a value (a byte[], a List), or a Flux "
                        + "(reactor-core) for a stream");
            }
        }
    }

    private static void requireReactor(String described, Method method) {
        ClassLoader loader = method.getDeclaringClass().getClassLoader();
        try {
            Class.forName(FLUX, false, loader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalArgumentException("Method " + described + " streams, which needs reactor-core on the "
                    + "class path: add the dependency " + REACTOR_DEPENDENCY);
        }
    }

    private static boolean isStream(Class<?> type) {
        return isNamed(type, FLUX) || isNamed(type, PUBLISHER);
    }

    private static boolean isNamed(Class<?> type, String name) {
        return type.getName().equals(name);
    }

    /** Whether a type is, extends or implements the named type, without loading it. */
    private static boolean isA(@Nullable Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isA(implemented, name)) {
                return true;
            }
        }
        return isA(type.getSuperclass(), name);
    }

    private static JavaType elementOf(JavaType streamType, TypeFactory types) {
        return (streamType.containedTypeCount() == 1) ? streamType.containedType(0) : types.constructType(Object.class);
    }

    /**
     * A method's shape and the types of the values its streams carry.
     *
     * @param shape the shape
     * @param resultElement the type of one result: the result itself for unary methods,
     * the value of a future or {@code Mono}, one element of a result stream
     * @param streamParameter the index of the stream parameter, {@code -1} for none
     * @param parameterElement the type of one element of the stream parameter,
     * {@code null} for none
     */
    record Classified(MethodShape shape, JavaType resultElement, int streamParameter,
            @Nullable JavaType parameterElement) {
    }

}
