package io.rpcboot.protocol;

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperBuilderState;
import tools.jackson.dataformat.smile.SmileFactory;

/**
 * Makes the Smile twin of an application's JSON mapper: the same modules, features, naming
 * strategy, mix-ins, custom serializers and every other setting of its configuration, over Smile
 * instead of JSON. Only the token stream changes, so a payload reads back as the same Java value in
 * either format.
 */
public final class SmileMappers {

    private SmileMappers() {
    }

    /**
     * Returns a mapper configured like the given one that writes and reads Smile.
     * @param jsonMapper the mapper whose configuration to copy
     * @return the Smile mapper
     */
    public static ObjectMapper twinOf(ObjectMapper jsonMapper) {
        MapperBuilderState configuration = new Snapshot(jsonMapper.rebuild());
        return new TwinBuilder(configuration, new SmileFactory()).build();
    }

    /**
     * Starts from a snapshot of another mapper's builder, as {@code rebuild()} does, and swaps the
     * token stream factory. The JSON parser and generator features of the snapshot are bits of
     * JSON's own feature sets, so they are replaced by the new factory's.
     */
    private static final class TwinBuilder extends MapperBuilder<ObjectMapper, TwinBuilder> {

        TwinBuilder(MapperBuilderState configuration, TokenStreamFactory streamFactory) {
            super(configuration);
            this._streamFactory = streamFactory;
            this._formatReadFeatures = streamFactory.getFormatReadFeatures();
            this._formatWriteFeatures = streamFactory.getFormatWriteFeatures();
        }

        @Override
        public ObjectMapper build() {
            return new TwinMapper(this);
        }

        @Override
        protected MapperBuilderState _saveState() {
            return new Snapshot(this);
        }

    }

    /** A snapshot of a builder's configuration, as mappers keep it. */
    private static final class Snapshot extends MapperBuilderState {

        private static final long serialVersionUID = 1L;

        Snapshot(MapperBuilder<?, ?> builder) {
            super(builder);
        }

        @Override
        protected Object readResolve() {
            return new TwinBuilder(this, this._streamFactory).build();
        }

    }

    private static final class TwinMapper extends ObjectMapper {

        private static final long serialVersionUID = 1L;

        TwinMapper(TwinBuilder builder) {
            super(builder);
        }

    }

}
