package io.rpcboot.annotation;

import java.util.Arrays;
import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Imported by {@link EnableRpcClients}: adds the packages and interfaces that the
 * importing class names to the application's {@link RpcClientScan}. Class names are read
 * from the annotation's metadata, so nothing is loaded here.
 */
final class EnableRpcClientsRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableRpcClients.class.getName(), true);
        if (attributes == null) {
            return;
        }
        RpcClientScan scan = RpcClientScan.register(registry);
        scan.addPackages(Arrays.asList((String[]) attributes.get("basePackages")));
        scan.addPackages(Arrays.stream((String[]) attributes.get("basePackageClasses"))
            .map(ClassUtils::getPackageName)
            .toList());
        scan.addClients(Arrays.asList((String[]) attributes.get("clients")));
    }

}
