package io.rpcboot.internal.protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Calls the constructors that Jackson creates objects with from their properties
 * (records, and classes with a {@code @JsonCreator} constructor) through a method handle
 * made once per type. jackson-databind 3.1 calls them with
 * {@code MethodHandle.invokeWithArguments}, which builds a spreading handle on every
 * call: for a list of records that is a large share of the time spent reading it (see
 * docs/benchmarks.md). Everything else stays Jackson's: which constructor, the arguments,
 * and what happens when the constructor throws. Types whose instantiator is not Jackson's
 * standard one (other modules', the application's) are left alone.
 */
public final class ConstructorCreatorsModule extends JacksonModule {

    @Override
    public String getModuleName() {
        return "rpcboot-constructor-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new PreparedConstructors());
    }

    private static final class PreparedConstructors extends ValueInstantiators.Base {

        @Override
        public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                BeanDescription.Supplier beanDescription, ValueInstantiator instantiator) {
            if (instantiator.getClass() == StdValueInstantiator.class
                    && instantiator.getWithArgsCreator() instanceof AnnotatedConstructor constructor) {
                MethodHandle spreader = spreaderOf(constructor);
                if (spreader != null) {
                    return new PreparedConstructorInstantiator((StdValueInstantiator) instantiator, spreader);
                }
            }
            return instantiator;
        }

        private static @Nullable MethodHandle spreaderOf(AnnotatedConstructor constructor) {
            int parameters = constructor.getParameterCount();
            try {
                return MethodHandles.lookup()
                    .unreflectConstructor(constructor.getAnnotated())
                    .asType(MethodType.genericMethodType(parameters))
                    .asSpreader(Object[].class, parameters);
            }
            catch (IllegalAccessException | RuntimeException ex) {
                return null; // Jackson's own path can still call it
            }
        }

    }

    static final class PreparedConstructorInstantiator extends StdValueInstantiator {

        private static final long serialVersionUID = 1L;

        private final transient MethodHandle spreader;

        PreparedConstructorInstantiator(StdValueInstantiator standard, MethodHandle spreader) {
            super(standard);
            this.spreader = spreader;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            try {
                return (Object) this.spreader.invokeExact(arguments);
            }
            catch (Error error) {
                throw error;
            }
            catch (Throwable ex) {
                // as StdValueInstantiator does for the exceptions of a creator
                return context.handleInstantiationProblem(this._valueClass, arguments, rewrapCtorProblem(context, ex));
            }
        }

    }

}
