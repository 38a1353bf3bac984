package io.rpcboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcClientScan;

/**
 * Registers a proxy bean for each {@link RpcClient} interface in the application's
 * auto-configuration packages and in the packages and classes named by
 * {@link EnableRpcClients} (their {@link RpcClientScan}). Imported by
 * {@link RpcClientAutoConfiguration}, so it runs after the application's configuration
 * classes. Scanning reads class metadata without loading classes; only the interfaces
 * found are loaded. Each proxy is a lazy fallback bean: an application bean implementing
 * the same interface (such as a local {@code @RpcService}) is injected instead. Spring
 * AOT turns each definition into generated code
 * ({@link RpcClientBeanRegistrationAotProcessor}).
 */
final class RpcClientBeanRegistrar
        implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

    /** The attribute of a proxy's bean definition that holds its interface. */
    static final String CLIENT_INTERFACE_ATTRIBUTE = RpcClientBeanRegistrar.class.getName() + ".clientInterface";

    /** The attribute of a proxy's bean definition that holds the name of its service. */
    static final String SERVICE_NAME_ATTRIBUTE = RpcClientBeanRegistrar.class.getName() + ".serviceName";

    // the three Aware fields are set by Spring before registerBeanDefinitions is called
    @SuppressWarnings("NullAway.Init")
    private BeanFactory beanFactory;

    @SuppressWarnings("NullAway.Init")
    private Environment environment;

    @SuppressWarnings("NullAway.Init")
    private ResourceLoader resourceLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClass, BeanDefinitionRegistry registry) {
        Set<String> packages = new LinkedHashSet<>();
        if (AutoConfigurationPackages.has(this.beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(this.beanFactory));
        }
        Map<String, String> clients = new LinkedHashMap<>();
        RpcClientScan scan = RpcClientScan.find(registry);
        if (scan != null) {
            packages.addAll(scan.packages());
            scan.clients().forEach((className) -> clients.put(className, serviceName(className)));
        }
        ClassPathScanningCandidateComponentProvider scanner = scanner();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                AnnotatedBeanDefinition annotated = (AnnotatedBeanDefinition) candidate;
                // the scanner's filter finds only interfaces annotated with @RpcClient
                Map<String, Object> attributes = Objects
                    .requireNonNull(annotated.getMetadata().getAnnotationAttributes(RpcClient.class.getName()));
                clients.putIfAbsent(annotated.getMetadata().getClassName(), (String) attributes.get("name"));
            }
        }
        clients.forEach((className, serviceName) -> register(registry, className, serviceName));
    }

    private String serviceName(String clientClass) {
        RpcClient client = load(clientClass).getAnnotation(RpcClient.class);
        if (client == null) {
            throw new IllegalStateException("@EnableRpcClients(clients = " + clientClass
                    + ".class) names an interface without @RpcClient(name = ...)");
        }
        return client.name();
    }

    private void register(BeanDefinitionRegistry registry, String className, String serviceName) {
        Class<?> clientInterface = load(className);
        RootBeanDefinition definition = proxyDefinition(clientInterface, serviceName);
        registry.registerBeanDefinition(className + ".rpcClient", definition);
    }

    private <T> RootBeanDefinition proxyDefinition(Class<T> clientInterface, String serviceName) {
        RootBeanDefinition definition = new RootBeanDefinition(clientInterface,
                () -> this.beanFactory.getBean(RpcClientProxies.class).create(clientInterface, serviceName));
        definition.setLazyInit(true);
        definition.setFallback(true);
        definition.setAttribute(CLIENT_INTERFACE_ATTRIBUTE, clientInterface);
        definition.setAttribute(SERVICE_NAME_ATTRIBUTE, serviceName);
        return definition;
    }

    private Class<?> load(String className) {
        return ClassUtils.resolveClassName(className, this.resourceLoader.getClassLoader());
    }

    private ClassPathScanningCandidateComponentProvider scanner() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                this.environment) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
            }
        };
        scanner.setResourceLoader(this.resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RpcClient.class, false, true));
        return scanner;
    }

}
