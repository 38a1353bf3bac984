package io.rpcboot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import io.rpcboot.annotation.RpcService;

/**
 * Exports beans whose class carries {@link RpcService}: the interfaces the annotation
 * names, or every interface the class implements except the JDK's and Spring's. The bean
 * is exported as the container holds it, AOP proxy included.
 */
final class AnnotatedRpcServiceDiscoverer implements RpcServiceDiscoverer {

    private final ApplicationContext context;

    AnnotatedRpcServiceDiscoverer(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public List<ExportedService> discover() {
        List<ExportedService> services = new ArrayList<>();
        for (Map.Entry<String, Object> entry : this.context.getBeansWithAnnotation(RpcService.class).entrySet()) {
            Object bean = entry.getValue();
            Class<?> beanClass = AopUtils.getTargetClass(bean);
            RpcService annotation = AnnotatedElementUtils.findMergedAnnotation(beanClass, RpcService.class);
            if (annotation == null) {
                annotation = this.context.findAnnotationOnBean(entry.getKey(), RpcService.class);
            }
            for (Class<?> serviceInterface : interfacesOf(beanClass, annotation)) {
                services.add(new ExportedService(serviceInterface, bean));
            }
        }
        return services;
    }

    /**
     * Returns the interfaces a bean of the given class exports.
     * @throws IllegalStateException when it exports none
     */
    static List<Class<?>> interfacesOf(Class<?> beanClass, @Nullable RpcService annotation) {
        if (annotation != null && annotation.interfaces().length > 0) {
            return Arrays.asList(annotation.interfaces());
        }
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(beanClass)) {
            if (isApplicationInterface(candidate)) {
                interfaces.add(candidate);
            }
        }
        if (interfaces.isEmpty()) {
            throw new IllegalStateException("@RpcService " + beanClass.getName()
                    + " implements no interface to export; implement one or name it in @RpcService(interfaces = ...)");
        }
        return interfaces;
    }

    private static boolean isApplicationInterface(Class<?> candidate) {
        String name = candidate.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("org.springframework.") || name.startsWith("groovy.") || name.startsWith("kotlin."));
    }

}
