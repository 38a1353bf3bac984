package io.rpcboot.internal.protocol;

/**
 * How a method's values cross the wire, decided once from its signature: one result
 * (returned, or through a future or a {@code Mono}), a stream of results, a stream
 * parameter, or both.
 */
public enum MethodShape {

    /** Returns its result (or nothing) on the caller's thread. */
    UNARY(false, false, false),

    /** Returns a {@code CompletableFuture} or {@code CompletionStage} of its result. */
    FUTURE(false, false, true),

    /** Returns a {@code Mono}: one asynchronous result, or none. */
    MONO(false, false, true),

    /** Returns a {@code Flux} or {@code Publisher}: a stream of results. */
    RESULT_STREAM(true, false, true),

    /**
     * Takes a {@code Flux} or {@code Publisher} parameter and returns one result in a
     * {@code Mono}.
     */
    PARAMETER_STREAM(false, true, true),

    /** Takes a stream parameter and returns a stream of results. */
    BIDIRECTIONAL(true, true, true);

    private final boolean streamsResults;

    private final boolean streamsParameter;

    private final boolean asynchronous;

    MethodShape(boolean streamsResults, boolean streamsParameter, boolean asynchronous) {
        this.streamsResults = streamsResults;
        this.streamsParameter = streamsParameter;
        this.asynchronous = asynchronous;
    }

    /**
     * Returns whether results come as a stream of messages.
     * @return whether the method returns a stream
     */
    public boolean streamsResults() {
        return this.streamsResults;
    }

    /**
     * Returns whether one parameter is a stream of messages.
     * @return whether the method takes a stream
     */
    public boolean streamsParameter() {
        return this.streamsParameter;
    }

    /**
     * Returns whether calls of the method are stream calls on the wire (REQUEST flag
     * STREAM).
     * @return whether results or a parameter stream
     */
    public boolean isStreaming() {
        return this.streamsResults || this.streamsParameter;
    }

    /**
     * Returns whether the method's outcome comes after it returned.
     * @return whether it is asynchronous
     */
    public boolean isAsynchronous() {
        return this.asynchronous;
    }

}
