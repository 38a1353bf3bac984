package io.rpcboot.internal.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import io.rpcboot.annotation.RpcMethod;
import io.rpcboot.internal.protocol.MethodDescriptor;

/**
 * An exported method: its descriptor and a method handle bound to the implementation,
 * built once, and the log of its undeclared failures.
 */
final class ServerMethod {

    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object[].class);

    private final MethodDescriptor descriptor;

    private final MethodHandle invoker;

    private final boolean runsOnEventLoop;

    private final FailureLog failures;

    ServerMethod(MethodDescriptor descriptor, Object implementation) {
        this.descriptor = descriptor;
        Method method = descriptor.method();
        RpcMethod options = method.getAnnotation(RpcMethod.class);
        this.runsOnEventLoop = options != null && !options.blocking();
        this.failures = new FailureLog(descriptor);
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

    /**
     * Returns whether calls run on the I/O thread that read them, for methods declared
     * {@code @RpcMethod(blocking = false)}.
     */
    boolean runsOnEventLoop() {
        return this.runsOnEventLoop;
    }

    MethodDescriptor descriptor() {
        return this.descriptor;
    }

    FailureLog failures() {
        return this.failures;
    }

    @Nullable Object invoke(Object[] arguments) throws Throwable {
        return (Object) this.invoker.invokeExact(arguments);
    }

}
