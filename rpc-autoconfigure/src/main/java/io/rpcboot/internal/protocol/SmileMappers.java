package io.rpcboot.internal.protocol;

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperBuilderState;
import tools.jackson.dataformat.smile.SmileFactory;

/**
 * Makes the Smile twin of an application's JSON mapper: the same modules, features,
 * naming strategy, mix-ins, custom serializers and every other setting of its
 * configuration, over Smile instead of JSON. Only the token stream changes, so a payload
 * reads back as the same Java value in either format.
 */
final class SmileMappers {

    private SmileMappers() {
    }

    /**
     * Returns a mapper configured like the given one that writes and reads Smile, and
     * keeps its parsers' and generators' buffers per thread: the right choice when calls
     * run on platform threads (event loops, a bounded pool, a servlet container's
     * workers), where the per-call cost of a shared pool (two queue operations per parser
     * or generator, contended by every caller) shows.
     * @param jsonMapper the mapper whose configuration to copy
     * @return the Smile mapper
     * @see #twinOf(ObjectMapper, RecyclerPool)
     */
    static ObjectMapper twinOf(ObjectMapper jsonMapper) {
        return twinOf(jsonMapper, JsonRecyclerPools.threadLocalPool());
    }

    /**
     * Returns a mapper configured like the given one that writes and reads Smile.
     * @param jsonMapper the mapper whose configuration to copy
     * @param bufferPool where parsers and generators take their buffers from; with
     * virtual threads, a shared pool such as
     * {@link JsonRecyclerPools#newConcurrentDequePool()} (a per-thread pool would
     * allocate new buffers for every call)
     * @return the Smile mapper
     */
    static ObjectMapper twinOf(ObjectMapper jsonMapper, RecyclerPool<BufferRecycler> bufferPool) {
        MapperBuilderState configuration = new Snapshot(jsonMapper.rebuild());
        return new TwinBuilder(configuration, SmileFactory.builder().recyclerPool(bufferPool).build()).build();
    }

    /**
     * Starts from a snapshot of another mapper's builder, as {@code rebuild()} does, and
     * swaps the token stream factory. The JSON parser and generator features of the
     * snapshot are bits of JSON's own feature sets, so they are replaced by the new
     * factory's.
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
