package io.rpcboot.autoconfigure;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Creates, at start-up, every client proxy that no local bean replaces, so that a client
 * without configuration fails the start-up instead of its first call. Proxies are lazy
 * fallback beans: when the application has its own implementation of the interface, the
 * proxy is never created.
 */
final class RpcClientStartupCheck implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;

    RpcClientStartupCheck(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : this.beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = this.beanFactory.getBeanDefinition(name);
            Object clientInterface = definition.getAttribute(RpcClientBeanRegistrar.CLIENT_INTERFACE_ATTRIBUTE);
            if (clientInterface instanceof Class<?> type
                    && this.beanFactory.getBeanNamesForType(type, true, false).length == 1) {
                this.beanFactory.getBean(name);
            }
        }
    }

}
