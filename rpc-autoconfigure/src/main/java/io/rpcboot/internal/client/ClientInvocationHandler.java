package io.rpcboot.internal.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The invocation handler of a client proxy: abstract methods go over the network, default
 * methods run locally, and {@code equals}, {@code hashCode} and {@code toString} never
 * leave the proxy.
 */
final class ClientInvocationHandler implements InvocationHandler {

    private final Class<?> serviceInterface;

    private final String serviceName;

    private final Map<Method, ClientMethod> methods;

    ClientInvocationHandler(Class<?> serviceInterface, String serviceName, Map<Method, ClientMethod> methods) {
        this.serviceInterface = serviceInterface;
        this.serviceName = serviceName;
        this.methods = Map.copyOf(methods);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        ClientMethod remote = this.methods.get(method);
        if (remote != null) {
            return remote.invoke(args);
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "equals" -> args != null && proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" ->
                "rpcboot client of " + this.serviceInterface.getName() + " (service '" + this.serviceName + "')";
            default -> throw new UnsupportedOperationException(method + " cannot be called on an rpcboot client");
        };
    }

}
