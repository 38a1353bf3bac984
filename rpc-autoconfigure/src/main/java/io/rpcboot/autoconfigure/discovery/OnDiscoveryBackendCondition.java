package io.rpcboot.autoconfigure.discovery;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a {@link DiscoveryClient} has somewhere to look: a client of a registry
 * (Consul, Eureka, Kubernetes...), or Spring Cloud's {@link SimpleDiscoveryClient} with
 * instances in {@code spring.cloud.discovery.client.simple.instances}. Spring Cloud
 * registers its composite and simple clients whenever spring-cloud-commons is on the
 * classpath (as spring-cloud-config-client and openfeign bring it); with nothing behind
 * them, a service without {@code urls} is a mistake that must fail the start-up, not a
 * service with no instances yet.
 */
class OnDiscoveryBackendCondition extends SpringBootCondition implements ConfigurationCondition {

    private static final String SIMPLE_CLIENT_BEAN = "simpleDiscoveryClient";

    static final String SIMPLE_INSTANCES = "spring.cloud.discovery.client.simple.instances";

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null) {
            for (String name : beanFactory.getBeanNamesForType(DiscoveryClient.class, true, false)) {
                Class<?> type = beanFactory.getType(name, false);
                // Spring Cloud declares its simple client as a plain DiscoveryClient
                if (!SIMPLE_CLIENT_BEAN.equals(name) && type != null
                        && !CompositeDiscoveryClient.class.isAssignableFrom(type)
                        && !SimpleDiscoveryClient.class.isAssignableFrom(type)) {
                    return ConditionOutcome.match("DiscoveryClient '" + name + "' of a registry");
                }
            }
        }
        boolean simpleInstances = Binder.get(context.getEnvironment())
            .bind(SIMPLE_INSTANCES, Bindable.mapOf(String.class, Object.class))
            .map((instances) -> !instances.isEmpty())
            .orElse(false);
        return simpleInstances ? ConditionOutcome.match(SIMPLE_INSTANCES + " lists instances")
                : ConditionOutcome.noMatch("no DiscoveryClient of a registry and no " + SIMPLE_INSTANCES);
    }

}
