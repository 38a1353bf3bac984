package io.rpcboot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import io.rpcboot.annotation.RpcService;

/**
 * Contributes, when Spring AOT processes an application, the runtime hints of its
 * {@code @RpcClient} interfaces and of the interfaces its {@code @RpcService} beans
 * export (see {@link RpcInterfaceHints}), so that a native image of it needs no
 * hand-written hints.
 */
final class RpcInterfacesAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> clients = new LinkedHashSet<>();
        Set<Class<?>> exported = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (beanFactory.getBeanDefinition(name)
                .getAttribute(RpcClientBeanRegistrar.CLIENT_INTERFACE_ATTRIBUTE) instanceof Class<?> type) {
                clients.add(type);
            }
            else {
                exported.addAll(exportedInterfaces(beanFactory, name));
            }
        }
        if (clients.isEmpty() && exported.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            RpcInterfaceHints hints = new RpcInterfaceHints(generationContext.getRuntimeHints());
            clients.forEach(hints::registerClient);
            exported.forEach(hints::registerExported);
        };
    }

    private static Set<Class<?>> exportedInterfaces(ConfigurableListableBeanFactory beanFactory, String name) {
        try {
            Class<?> beanClass = beanFactory.getType(name, false);
            RpcService annotation = beanFactory.findAnnotationOnBean(name, RpcService.class, false);
            if (beanClass == null || annotation == null) {
                return Set.of();
            }
            return new LinkedHashSet<>(
                    AnnotatedRpcServiceDiscoverer.interfacesOf(ClassUtils.getUserClass(beanClass), annotation));
        }
        catch (BeansException | IllegalStateException ex) {
            // a bean that cannot be typed now, or exports nothing: the start-up says why
            return Set.of();
        }
    }

}
