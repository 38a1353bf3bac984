package io.rpcboot.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import io.rpcboot.protocol.MethodDescriptor;

/**
 * An exported method: its descriptor and a method handle bound to the implementation, built once.
 */
final class ServerMethod {

    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object[].class);

    private final MethodDescriptor descriptor;

    private final MethodHandle invoker;

    ServerMethod(MethodDescriptor descriptor, Object implementation) {
        this.descriptor = descriptor;
        Method method = descriptor.method();
        try {
            method.trySetAccessible();
            this.invoker = MethodHandles.lookup()
                .unreflect(method)
                .bindTo(implementation)
                .asSpreader(Object[].class, method.getParameterCount())
                .asType(INVOKER_TYPE);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException("Cannot call " + descriptor + ": " + ex.getMessage(), ex);
        }
    }

    MethodDescriptor descriptor() {
        return this.descriptor;
    }

    @Nullable Object invoke(Object[] arguments) throws Throwable {
        return (Object) this.invoker.invokeExact(arguments);
    }

}
