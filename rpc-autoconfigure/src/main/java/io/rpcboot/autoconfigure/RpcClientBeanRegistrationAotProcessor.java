package io.rpcboot.autoconfigure;

import java.lang.reflect.Modifier;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;
import org.springframework.javapoet.CodeBlock;
import org.springframework.util.ClassUtils;

/**
 * Generates, when Spring AOT processes an application, the code that registers each
 * {@code @RpcClient} proxy bean: the instance supplier that
 * {@link RpcClientBeanRegistrar} gives the definition cannot be written as code, so the
 * generated definition calls {@link RpcClientProxies} instead, and keeps the attributes
 * that the start-up check reads.
 */
final class RpcClientBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        RootBeanDefinition definition = registeredBean.getMergedBeanDefinition();
        if (definition.getAttribute(RpcClientBeanRegistrar.CLIENT_INTERFACE_ATTRIBUTE) instanceof Class<?> type
                && definition.getAttribute(RpcClientBeanRegistrar.SERVICE_NAME_ATTRIBUTE) instanceof String service) {
            return BeanRegistrationAotContribution
                .withCustomCodeFragments((fragments) -> new ClientProxyCodeFragments(fragments, type, service));
        }
        return null;
    }

    private static final class ClientProxyCodeFragments extends BeanRegistrationCodeFragmentsDecorator {

        private static final String REGISTERED_BEAN = "registeredBean";

        private final Class<?> clientInterface;

        private final String serviceName;

        ClientProxyCodeFragments(BeanRegistrationCodeFragments delegate, Class<?> clientInterface, String serviceName) {
            super(delegate);
            this.clientInterface = clientInterface;
            this.serviceName = serviceName;
        }

        /**
         * Generates the code beside {@link RpcClientProxies}, which it calls.
         */
        @Override
        public ClassName getTarget(RegisteredBean registeredBean) {
            return ClassName.get(RpcClientProxies.class);
        }

        @Override
        public CodeBlock generateSetBeanDefinitionPropertiesCode(GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode, RootBeanDefinition beanDefinition,
                Predicate<String> attributeFilter) {
            CodeBlock.Builder code = CodeBlock.builder()
                .add(super.generateSetBeanDefinitionPropertiesCode(generationContext, beanRegistrationCode,
                        beanDefinition, attributeFilter));
            code.addStatement("$L.setAttribute($S, $L)", BEAN_DEFINITION_VARIABLE,
                    RpcClientBeanRegistrar.CLIENT_INTERFACE_ATTRIBUTE, interfaceCode());
            code.addStatement("$L.setAttribute($S, $S)", BEAN_DEFINITION_VARIABLE,
                    RpcClientBeanRegistrar.SERVICE_NAME_ATTRIBUTE, this.serviceName);
            return code.build();
        }

        @Override
        public CodeBlock generateInstanceSupplierCode(GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode, boolean allowDirectSupplierShortcut) {
            GeneratedMethod method = beanRegistrationCode.getMethods().add("createClientProxy", (builder) -> {
                builder.addJavadoc("Create the proxy of {@code $L}, a client of service {@code $L}.",
                        this.clientInterface.getName(), this.serviceName);
                builder.addModifiers(javax.lang.model.element.Modifier.PRIVATE,
                        javax.lang.model.element.Modifier.STATIC);
                builder.addParameter(RegisteredBean.class, REGISTERED_BEAN);
                builder.returns(Object.class);
                builder.addStatement("return $L.getBeanFactory().getBean($T.class).create($L, $S)", REGISTERED_BEAN,
                        RpcClientProxies.class, interfaceCode(), this.serviceName);
            });
            return CodeBlock.of("$T.of($L)", InstanceSupplier.class, method.toMethodReference().toCodeBlock());
        }

        /**
         * The interface as code: its class literal, or, when it is not public, its name
         * resolved at run time, as Spring does for bean classes.
         */
        private CodeBlock interfaceCode() {
            if (Modifier.isPublic(this.clientInterface.getModifiers())) {
                return CodeBlock.of("$T.class", this.clientInterface);
            }
            return CodeBlock.of("$T.resolveClassName($S, null)", ClassUtils.class, this.clientInterface.getName());
        }

    }

}
