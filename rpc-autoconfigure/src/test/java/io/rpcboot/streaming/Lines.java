package io.rpcboot.streaming;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;

/**
 * Streaming methods whose subscribers block, for the tests of the threads stream elements
 * arrive on.
 */
@RpcClient(name = "lines")
public interface Lines {

    /**
     * Counts the lines of a client's stream; the implementation's subscriber holds the
     * first line until the test releases it.
     * @param lines the lines
     * @return how many
     */
    Mono<Long> count(Flux<String> lines);

    /**
     * Counts the lines of a client's stream, on the event loop.
     * @param lines the lines
     * @return how many
     */
    @RpcMethod(blocking = false)
    Mono<Long> countOnEventLoop(Flux<String> lines);

    /**
     * Streams {@code n} lines.
     * @param n how many
     * @return the lines
     */
    Flux<String> lines(int n);

    /**
     * Answers at once.
     * @param text anything
     * @return the text
     */
    String echo(String text);

}
