package io.rpcboot.internal.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The exception types a method declares and how to create each, found once per method. A
 * caller only ever instantiates these types, never a class the remote side names.
 */
final class DeclaredExceptions {

    private final Map<String, MethodHandle> constructors;

    DeclaredExceptions(Iterable<Class<? extends Throwable>> types) {
        Map<String, MethodHandle> found = new HashMap<>();
        for (Class<? extends Throwable> type : types) {
            MethodHandle constructor = constructorOf(type);
            if (constructor != null) {
                found.put(type.getName(), constructor);
            }
        }
        this.constructors = Map.copyOf(found);
    }

    /**
     * Creates the declared exception of the given name.
     * @param typeName the name the server sent
     * @param message the message for the exception
     * @return the exception, or {@code null} when the type is not declared or cannot be
     * created
     */
    @Nullable Throwable create(String typeName, @Nullable String message) {
        MethodHandle constructor = this.constructors.get(typeName);
        if (constructor == null) {
            return null;
        }
        try {
            return (constructor.type().parameterCount() == 1) ? (Throwable) constructor.invoke(message)
                    : (Throwable) constructor.invoke();
        }
        catch (Throwable ex) {
            return null;
        }
    }

    private static @Nullable MethodHandle constructorOf(Class<? extends Throwable> type) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            return lookup.findConstructor(type, MethodType.methodType(void.class, String.class));
        }
        catch (ReflectiveOperationException ex) {
            try {
                return lookup.findConstructor(type, MethodType.methodType(void.class));
            }
            catch (ReflectiveOperationException ex2) {
                return null;
            }
        }
    }

}
