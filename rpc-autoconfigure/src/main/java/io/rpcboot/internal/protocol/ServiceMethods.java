package io.rpcboot.internal.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods of a service interface that calls reach: its abstract methods, inherited
 * ones included, never static or default ones.
 */
public final class ServiceMethods {

    private ServiceMethods() {
    }

    /**
     * Returns the methods of a service interface that calls reach.
     * @param serviceInterface the interface
     * @return its abstract methods
     * @throws IllegalArgumentException when a type of its methods is missing from the
     * class path: for Reactor's and Reactive Streams' types, it names the dependency to
     * add
     */
    public static List<Method> of(Class<?> serviceInterface) {
        Method[] methods;
        try {
            methods = serviceInterface.getMethods();
        }
        catch (NoClassDefFoundError ex) {
            String missing = String.valueOf(ex.getMessage()).replace('/', '.');
            if (missing.startsWith("reactor.") || missing.startsWith("org.reactivestreams.")) {
                // the message says all there is: the class is missing, and which
                // dependency has it
                throw new IllegalArgumentException("Service interface " + serviceInterface.getName() + " uses "
                        + missing + " in a method: streaming methods need reactor-core on the class path; add the "
                        + "dependency io.projectreactor:reactor-core");
            }
            throw new IllegalArgumentException(
                    "Service interface " + serviceInterface.getName() + " uses a missing type: " + missing, ex);
        }
        List<Method> reached = new ArrayList<>(methods.length);
        for (Method method : methods) {
            if (!Modifier.isStatic(method.getModifiers()) && !method.isDefault()) {
                reached.add(method);
            }
        }
        return reached;
    }

}
