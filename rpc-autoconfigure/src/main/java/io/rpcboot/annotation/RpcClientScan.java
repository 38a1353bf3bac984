package io.rpcboot.annotation;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * What every {@link EnableRpcClients} of an application adds to the {@link RpcClient}
 * interfaces found in its auto-configuration packages: the packages to scan and the
 * interfaces to register, merged into one bean definition (as Spring Boot's
 * {@code AutoConfigurationPackages} does), which the auto-configuration reads once
 * instead of looking for the annotation on every bean. Not meant to be used by
 * applications.
 */
public final class RpcClientScan {

    /** The name of the bean definition that holds the scan. */
    static final String BEAN_NAME = RpcClientScan.class.getName();

    private final Set<String> packages = new LinkedHashSet<>();

    private final Set<String> clients = new LinkedHashSet<>();

    private RpcClientScan() {
    }

    /**
     * Returns the scan that the application's {@link EnableRpcClients} annotations
     * registered.
     * @param registry the application's bean definitions
     * @return the scan, or {@code null} when the application has no
     * {@link EnableRpcClients}
     */
    public static @Nullable RpcClientScan find(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(BEAN_NAME)) {
            return null;
        }
        // register() always gives the definition its instance
        Supplier<?> instance = ((RootBeanDefinition) registry.getBeanDefinition(BEAN_NAME)).getInstanceSupplier();
        return (RpcClientScan) Objects.requireNonNull(instance).get();
    }

    /**
     * Returns the packages to scan for {@link RpcClient} interfaces.
     * @return the package names, in the order they were named
     */
    public Set<String> packages() {
        return Collections.unmodifiableSet(this.packages);
    }

    /**
     * Returns the {@link RpcClient} interfaces to register in addition to those found by
     * scanning.
     * @return their class names
     */
    public Set<String> clients() {
        return Collections.unmodifiableSet(this.clients);
    }

    static RpcClientScan register(BeanDefinitionRegistry registry) {
        RpcClientScan existing = find(registry);
        if (existing != null) {
            return existing;
        }
        RpcClientScan scan = new RpcClientScan();
        RootBeanDefinition definition = new RootBeanDefinition(RpcClientScan.class, () -> scan);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(BEAN_NAME, definition);
        return scan;
    }

    void addPackages(Collection<String> names) {
        this.packages.addAll(names);
    }

    void addClients(Collection<String> classNames) {
        this.clients.addAll(classNames);
    }

}
