package io.rpcboot.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.core.ResolvableType;

/**
 * The runtime hints that calls through one service interface need: its methods, invoked
 * by the server and described by the client; Jackson's reflection on the parameter and
 * result types of every method, generics resolved; the constructors a client calls to
 * rebuild the exceptions a method declares; and, for a client, its JDK proxy.
 */
final class RpcInterfaceHints {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    private final RuntimeHints hints;

    RpcInterfaceHints(RuntimeHints hints) {
        this.hints = hints;
    }

    /**
     * Registers what the proxy of an {@code @RpcClient} interface needs.
     * @param clientInterface the interface
     */
    void registerClient(Class<?> clientInterface) {
        this.hints.proxies().registerJdkProxy(clientInterface);
        registerMethods(clientInterface);
    }

    /**
     * Registers what serving an exported interface needs.
     * @param serviceInterface the interface
     */
    void registerExported(Class<?> serviceInterface) {
        registerMethods(serviceInterface);
    }

    private void registerMethods(Class<?> serviceInterface) {
        this.hints.reflection().registerType(serviceInterface, MemberCategory.INVOKE_PUBLIC_METHODS);
        Set<Class<?>> payloadTypes = new LinkedHashSet<>();
        for (Method method : serviceInterface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            for (int i = 0; i < method.getParameterCount(); i++) {
                collect(ResolvableType.forMethodParameter(method, i, serviceInterface), payloadTypes);
            }
            ResolvableType result = ResolvableType.forMethodReturnType(method, serviceInterface);
            if (CompletionStage.class.isAssignableFrom(result.toClass())) {
                result = result.as(CompletionStage.class).getGeneric(0);
            }
            collect(result, payloadTypes);
            for (Class<?> exceptionType : method.getExceptionTypes()) {
                registerExceptionConstructor(exceptionType);
            }
        }
        this.bindings.registerReflectionHints(this.hints.reflection(), payloadTypes.toArray(Class<?>[]::new));
    }

    /**
     * Collects the application's classes in a type and its generics: the JDK's own types
     * ({@code List}, {@code Optional}, {@code CompletableFuture}) need no hints, their
     * type arguments may.
     */
    private static void collect(ResolvableType type, Set<Class<?>> classes) {
        if (type.isArray()) {
            collect(type.getComponentType(), classes);
            return;
        }
        Class<?> resolved = type.resolve();
        if (resolved == null || resolved.isPrimitive()) {
            return;
        }
        if (!resolved.getName().startsWith("java.")) {
            classes.add(resolved);
        }
        for (ResolvableType generic : type.getGenerics()) {
            collect(generic, classes);
        }
    }

    private void registerExceptionConstructor(Class<?> exceptionType) {
        Constructor<?> constructor = publicConstructor(exceptionType, String.class);
        if (constructor == null) {
            constructor = publicConstructor(exceptionType);
        }
        if (constructor != null) {
            this.hints.reflection().registerConstructor(constructor, ExecutableMode.INVOKE);
        }
    }

    private static @Nullable Constructor<?> publicConstructor(Class<?> type, Class<?>... parameterTypes) {
        try {
            return type.getConstructor(parameterTypes);
        }
        catch (NoSuchMethodException ex) {
            return null;
        }
    }

}
