package io.rpcboot.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Customizes the mapper of rpcboot's payloads only, leaving the application's
 * {@link JsonMapper} (web JSON, everything else) as it is. rpcboot starts from a copy of
 * the application's mapper ({@code rebuild()}), applies every bean of this type in
 * {@code @Order}, and uses the result for JSON payloads, HTTP/JSON calls on the rpcboot
 * port, and, with the same configuration, Smile payloads.
 *
 * <pre class="code">
 * &#64;Bean
 * RpcJsonMapperBuilderCustomizer rpcDates() {
 *     return (builder) -&gt; builder.enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
 * }
 * </pre>
 */
@FunctionalInterface
public interface RpcJsonMapperBuilderCustomizer {

    /**
     * Customizes the builder of rpcboot's mapper.
     * @param builder a builder that starts with the application's mapper's configuration
     */
    void customize(JsonMapper.Builder builder);

}
