package io.rpcboot.internal.protocol;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializer;
import tools.jackson.databind.deser.bean.PropertyBasedCreator;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.util.IgnorePropertiesUtil;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads records with less work per record than jackson-databind 3.1's
 * {@code BeanDeserializer}, which for every record allocates a
 * {@code PropertyValueBuffer} and looks every property name up in a {@code HashMap}: the
 * properties are expected in the order of the record's components (the order Jackson
 * writes them in), so a name is matched by one string comparison, and the constructor's
 * arguments are collected in an array. Everything that decides what a record is read from
 * stays Jackson's: the deserializer Jackson built for the type, with the names of its
 * properties (naming strategy, {@code @JsonProperty}, aliases), their deserializers, the
 * handling of unknown and ignored properties and the constructor call. A record whose
 * properties arrive in another order, or with some missing, is read all the same (a name
 * is then looked up as Jackson does, and missing values are Jackson's defaults or
 * failures). Records with features this path does not handle (object ids, an active view,
 * injected values, any-setters, unwrapped or external type id properties, more than 32
 * components) and every deserializer that is not Jackson's own are left alone. Register
 * it after the Blackbird module, whose deserializer of records it replaces.
 */
final class RecordReadersModule extends JacksonModule {

    @Override
    public String getModuleName() {
        return "rpcboot-record-readers";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addDeserializerModifier(new Modifier());
    }

    private static final class Modifier extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        private static final String BLACKBIRD_DESERIALIZER = "tools.jackson.module.blackbird.deser.SuperSonicBeanDeserializer";

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                BeanDescription.Supplier beanDescription, ValueDeserializer<?> deserializer) {
            if (isJacksons(deserializer.getClass()) && beanDescription.getType().isRecordType()) {
                return new OrderedRecordDeserializer((BeanDeserializer) deserializer);
            }
            return deserializer;
        }

        /**
         * Returns whether a deserializer is Jackson's {@code BeanDeserializer}, or the
         * Blackbird module's subclass of it, which reads records with its superclass's
         * code (it only speeds up objects made with a no-argument constructor).
         */
        private static boolean isJacksons(Class<?> deserializer) {
            return deserializer == BeanDeserializer.class || deserializer.getName().equals(BLACKBIRD_DESERIALIZER);
        }

    }

    private static final class OrderedRecordDeserializer extends BeanDeserializer {

        private static final long serialVersionUID = 1L;

        /**
         * The constructor's properties in the order of its parameters, {@code null} when
         * the record needs Jackson's full path.
         */
        private transient SettableBeanProperty @Nullable [] ordered;

        /** The bits of all the constructor's parameters. */
        private transient int all;

        OrderedRecordDeserializer(BeanDeserializer standard) {
            super(standard);
        }

        @Override
        public void resolve(DeserializationContext context) {
            super.resolve(context);
            SettableBeanProperty[] ordered = orderedIfSimple();
            this.ordered = ordered;
            this.all = (ordered == null || ordered.length == Integer.SIZE) ? -1 : (1 << ordered.length) - 1;
        }

        private SettableBeanProperty @Nullable [] orderedIfSimple() {
            PropertyBasedCreator creator = this._propertyBasedCreator;
            if (creator == null || creator.hasManagedReferenceProperties() || this._anySetter != null
                    || this._objectIdReader != null || this._injectables != null
                    || this._unwrappedPropertyHandler != null || this._externalTypeIdHandler != null
                    || !isStandard(this._valueInstantiator)) {
                return null;
            }
            SettableBeanProperty[] byIndex = new SettableBeanProperty[Integer.SIZE + 1];
            int count = 0;
            for (SettableBeanProperty property : creator.properties()) {
                int index = property.getCreatorIndex();
                if (index < 0 || index >= Integer.SIZE || property.getInjectableValueId() != null) {
                    return null;
                }
                if (byIndex[index] == null) {
                    byIndex[index] = property;
                    count++;
                }
                else if (byIndex[index] != property) {
                    return null;
                }
            }
            SettableBeanProperty[] ordered = Arrays.copyOf(byIndex, count);
            for (SettableBeanProperty property : ordered) {
                if (property == null) {
                    return null; // a parameter without a property
                }
            }
            for (SettableBeanProperty property : this._beanProperties) {
                if (creator.findCreatorProperty(property.getName()) == null) {
                    return null; // a property set after construction
                }
            }
            return ordered;
        }

        /**
         * Returns whether an instantiator makes objects from an argument array alone, as
         * Jackson's standard one does (others may take the properties into account).
         */
        private static boolean isStandard(ValueInstantiator instantiator) {
            return instantiator.getClass() == StdValueInstantiator.class
                    || instantiator.getClass() == ConstructorCreatorsModule.PreparedConstructorInstantiator.class;
        }

        @Override
        protected @Nullable Object _deserializeUsingPropertyBased(JsonParser parser, DeserializationContext context)
                throws JacksonException {
            SettableBeanProperty[] ordered = this.ordered;
            if (ordered == null || context.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                    || (this._needViewProcesing && context.getActiveView() != null)) {
                return super._deserializeUsingPropertyBased(parser, context);
            }
            PropertyBasedCreator creator = this._propertyBasedCreator;
            boolean ignores = this._ignorableProps != null || this._includableProps != null;
            Object[] arguments = new Object[ordered.length];
            int seen = 0;
            int next = 0;
            TokenBuffer unknown = null;
            for (JsonToken token = parser.currentToken(); token == JsonToken.PROPERTY_NAME; token = parser
                .nextToken()) {
                String name = parser.currentName();
                parser.nextToken();
                SettableBeanProperty property;
                if (next < ordered.length && ordered[next].getName().equals(name)) {
                    property = ordered[next++];
                }
                else {
                    property = creator.findCreatorProperty(name);
                }
                if (property == null) {
                    unknown = unknownProperty(parser, context, name, unknown);
                }
                else if (ignores
                        && IgnorePropertiesUtil.shouldIgnore(name, this._ignorableProps, this._includableProps)) {
                    handleIgnoredProperty(parser, context, handledType(), name);
                }
                else {
                    // as Jackson does: the last of duplicate properties wins
                    int index = property.getCreatorIndex();
                    arguments[index] = _deserializeWithErrorWrapping(parser, context, property);
                    seen |= 1 << index;
                }
            }
            Object bean = (seen == this.all) ? construct(context, arguments)
                    : buildWithMissing(parser, context, ordered, arguments, seen);
            parser.assignCurrentValue(bean);
            if (bean == null) {
                _handleNullFromPropsBasedCreator(null, context, unknown, null);
                return null;
            }
            if (unknown != null) {
                return (bean.getClass() != this._beanType.getRawClass())
                        ? handlePolymorphic(null, context, bean, unknown)
                        : handleUnknownProperties(context, bean, unknown);
            }
            return bean;
        }

        /** Handles a property that is not the constructor's, as Jackson does. */
        private @Nullable TokenBuffer unknownProperty(JsonParser parser, DeserializationContext context, String name,
                @Nullable TokenBuffer unknown) throws JacksonException {
            if (IgnorePropertiesUtil.shouldIgnore(name, this._ignorableProps, this._includableProps)) {
                handleIgnoredProperty(parser, context, handledType(), name);
                return unknown;
            }
            if (this._ignoreAllUnknown) {
                parser.skipChildren();
                return unknown;
            }
            TokenBuffer buffer = (unknown != null) ? unknown : context.bufferForInputBuffering(parser);
            buffer.writeName(name);
            buffer.copyCurrentStructure(parser);
            return buffer;
        }

        private @Nullable Object construct(DeserializationContext context, Object[] arguments) throws JacksonException {
            try {
                return this._valueInstantiator.createFromObjectWith(context, arguments);
            }
            catch (Exception ex) {
                return wrapInstantiationProblem(context, ex);
            }
        }

        /**
         * Builds the record through Jackson's buffer, which supplies the values of the
         * missing properties (their defaults, or a failure where the configuration asks
         * for one).
         */
        private @Nullable Object buildWithMissing(JsonParser parser, DeserializationContext context,
                SettableBeanProperty[] ordered, Object[] arguments, int seen) throws JacksonException {
            PropertyBasedCreator creator = this._propertyBasedCreator;
            PropertyValueBuffer buffer = creator.startBuilding(parser, context, null);
            for (int i = 0; i < ordered.length; i++) {
                if ((seen & (1 << i)) != 0) {
                    buffer.assignParameter(ordered[i], arguments[i]);
                }
            }
            try {
                return creator.build(context, buffer);
            }
            catch (Exception ex) {
                return wrapInstantiationProblem(context, ex);
            }
        }

    }

}
