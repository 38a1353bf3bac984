package io.rpcboot.internal.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;

/**
 * Picks the service interfaces out of a module's classes: interfaces annotated
 * {@link RpcClient}, and the interfaces that classes annotated {@link RpcService} export
 * (those named in {@code interfaces}, or every interface the class and its superclasses
 * implement directly, except the JDK's and Spring's), as the server exports them.
 */
public final class RpcInterfaces {

    private RpcInterfaces() {
    }

    /**
     * Returns the service interfaces among classes.
     * @param classes the classes of a module
     * @return the interfaces, sorted by name
     */
    public static List<Class<?>> of(Collection<Class<?>> classes) {
        Set<Class<?>> interfaces = new TreeSet<>(Comparator.comparing(Class::getName));
        for (Class<?> type : classes) {
            if (type.isInterface() && type.isAnnotationPresent(RpcClient.class)) {
                interfaces.add(type);
            }
            RpcService service = type.getAnnotation(RpcService.class);
            if (service != null && !type.isInterface()) {
                interfaces.addAll(exported(type, service));
            }
        }
        return List.copyOf(interfaces);
    }

    private static Collection<Class<?>> exported(Class<?> type, RpcService service) {
        if (service.interfaces().length > 0) {
            return Arrays.asList(service.interfaces());
        }
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            all.addAll(Arrays.asList(current.getInterfaces()));
        }
        List<Class<?>> exported = new ArrayList<>();
        for (Class<?> candidate : all) {
            String name = candidate.getName();
            if (!(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("org.springframework.") || name.startsWith("groovy.")
                    || name.startsWith("kotlin."))) {
                exported.add(candidate);
            }
        }
        return exported;
    }

}
